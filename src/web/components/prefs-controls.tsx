import { CheckOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../i18n/index.ts';
import { usePrefs } from '../prefs/prefs.tsx';

/** 长者模式 on/off. A toggle button (aria-pressed) keeps one stable name for screen readers. */
export function ElderlyToggle({ className }: { className?: string }) {
  const t = useT();
  const { elderly, setElderly } = usePrefs();
  return (
    <Button
      type="text"
      className={className ?? 'toolbar-button'}
      aria-pressed={elderly}
      icon={elderly ? <CheckOutlined aria-hidden /> : undefined}
      onClick={() => setElderly(!elderly)}
    >
      {t('prefs.elderly')}
    </Button>
  );
}

/** Switch between Chinese and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { lang, setLang } = usePrefs();
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button type="text" className="toolbar-button" icon={<GlobalOutlined aria-hidden />} onClick={() => setLang(other)}>
      <span lang={other === 'zh' ? 'zh-CN' : 'en'}>{other === 'zh' ? '中文' : 'English'}</span>
    </Button>
  );
}
