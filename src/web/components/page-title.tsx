import { useT } from '../i18n/index.ts';

/** The document title of a page; React 19 hoists <title> into <head>. */
export function PageTitle({ title }: { title: string }) {
  const t = useT();
  return <title>{`${title} - ${t('site.title')}`}</title>;
}
