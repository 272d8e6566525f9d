import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.ts';

/**
 * The portal search box: it opens /search, which searches the published service items first and the
 * departments and service-hall windows second; the hint under the box says so.
 */
export function SearchForm({ initial = '', id = 'site-search' }: { initial?: string; id?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    void navigate(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
  };
  return (
    <form role="search" className="search-form" onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="search-row">
        <Input id={id} size="large" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} maxLength={30} aria-describedby={`${id}-hint`} />
        <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
          {t('search.submit')}
        </Button>
      </div>
      <p id={`${id}-hint`} className="search-hint">
        {t('search.scopeNote')}
      </p>
    </form>
  );
}
