import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useRegion, useRegionChildren } from '../api/queries.ts';
import { useT } from '../i18n/index.ts';
import { CITY_CODE } from '../site.ts';

/** The region chosen on a portal page, kept in `?region=` so that the page can be linked and bookmarked. */
export function useRegionParam(): [string, (code: string) => void] {
  const [params, setParams] = useSearchParams();
  const region = params.get('region');
  const value = region && /^\d{12}$/.test(region) ? region : CITY_CODE;
  return [value, (code) => setParams(code === CITY_CODE ? {} : { region: code }, { replace: true })];
}

/** The city's own level plus its counties, for the portal's "choose your county" selects. */
export function useCountyOptions(): { options: { value: string; label: string }[]; loading: boolean } {
  const t = useT();
  const city = useRegion(CITY_CODE);
  const counties = useRegionChildren(CITY_CODE);
  const cityName = city.data?.name ?? '';
  return {
    loading: city.isPending || counties.isPending,
    options: [
      { value: CITY_CODE, label: t('portal.cityLevel', { city: cityName }) },
      ...(counties.data?.items ?? []).map((c) => ({ value: c.code, label: c.name })),
    ],
  };
}

/** A labelled select of the city level and its counties. */
export function CountyPicker({ id, value, onChange }: { id: string; value: string; onChange: (code: string) => void }) {
  const t = useT();
  const { options, loading } = useCountyOptions();
  return (
    <div className="county-picker">
      <label htmlFor={id}>{t('portal.chooseCounty')}</label>
      <Select id={id} value={value} onChange={onChange} options={options} loading={loading} className="county-select" />
    </div>
  );
}
