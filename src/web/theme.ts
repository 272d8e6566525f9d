import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for WCAG AA (≥ 4.5:1 on white): antd's defaults fail — primary #1677ff is 4.1:1,
 * placeholders 1.8:1, secondary text 2.9:1, success/warning text below 3:1.
 */
const ACCESSIBLE_TOKENS = {
  colorPrimary: '#1d4ed8', // 6.7:1
  colorPrimaryHover: '#1e40af', // 8.7:1 (antd derives #4373e6 from the primary: 4.3:1 under white text)
  colorPrimaryActive: '#1e3a8a',
  colorLink: '#1d4ed8',
  colorInfo: '#1d4ed8',
  colorError: '#b91c1c', // 6.5:1
  colorSuccess: '#15803d', // 5.0:1
  colorWarning: '#b45309', // 5.0:1
  colorTextPlaceholder: '#6b7280', // 4.8:1
  colorTextSecondary: '#4b5563', // 7.6:1
  colorTextTertiary: '#4b5563',
  colorTextDescription: '#4b5563',
  borderRadius: 4,
  fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", Roboto, sans-serif',
} as const;

/** Elderly mode: ≥ 18px body, ≥ 22px headings, bigger targets, near-black text and firmer borders. */
const ELDERLY_TOKENS = {
  fontSize: 18,
  fontSizeSM: 16,
  fontSizeLG: 20,
  fontSizeXL: 22,
  fontSizeHeading1: 36,
  fontSizeHeading2: 30,
  fontSizeHeading3: 26,
  fontSizeHeading4: 24,
  fontSizeHeading5: 22,
  controlHeight: 48,
  controlHeightSM: 36,
  controlHeightLG: 56,
  colorText: '#000000',
  colorTextSecondary: '#1f2937',
  colorTextTertiary: '#1f2937',
  colorTextDescription: '#1f2937',
  colorTextPlaceholder: '#374151',
  colorBorder: '#4b5563',
} as const;

/** The antd theme for the current mode. */
export function buildTheme(elderly: boolean): ThemeConfig {
  if (!elderly) return { token: ACCESSIBLE_TOKENS };
  return {
    token: { ...ACCESSIBLE_TOKENS, ...ELDERLY_TOKENS },
    components: {
      Button: { paddingInline: 24, fontWeight: 600 },
      Menu: { itemHeight: 56 },
      Table: { cellPaddingBlock: 16 },
    },
  };
}
