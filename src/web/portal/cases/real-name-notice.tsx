import { Alert } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.ts';

/**
 * 实名等级不足: what the item needs, what the account has, and how to get there (SMS on the account
 * page for L2, an in-person check at a window for L3), instead of a bare refusal.
 */
export function RealNameLevelNotice({ required, current }: { required: number; current: number }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      className="block-gap"
      title={t('realName.tooLow', { required, current })}
      description={
        <>
          <p>{t('realName.waysTitle')}</p>
          <ul>
            {required <= 2 ? (
              <li>
                {t('realName.waySms')} — <Link to="/account">{t('realName.goAccount')}</Link>
              </li>
            ) : null}
            <li>
              {t('realName.wayWindow')} — <Link to="/halls">{t('realName.goHalls')}</Link>
            </li>
          </ul>
        </>
      }
    />
  );
}
