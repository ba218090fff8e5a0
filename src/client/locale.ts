import { useTranslation } from 'react-i18next';
import { NAMESPACE } from '../shared/constants';

/** `t` of the plugin's namespace, whose messages NocoBase serves from dist/locale. */
export function useWeComTranslation(): { t: (key: string, params?: Record<string, string>) => string } {
  const { t } = useTranslation(NAMESPACE);
  return { t: (key, params) => String(t(key, params)) };
}
