/** The page shown when something cannot be done: what happened, in words, and where to go next. */
import type { FC } from 'hono/jsx';
import { translateMessage } from '../i18n/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';

export interface Shortfall {
  resource: string;
  requested: number;
  available: number;
  missing: number;
  unit: string;
}

export interface ErrorInfo {
  status: number;
  /** The problem type slug of the service error (`quota-exceeded`), when there is one. */
  type: string | null;
  /** The English detail of the verb, kept for the technical reader. */
  detail: string | null;
  shortfall?: Shortfall[] | undefined;
  fieldMessages?: string[] | undefined;
  back?: string | undefined;
}

const titles: Record<number, MessageKey> = {
  400: 'error.400.title',
  403: 'error.403.title',
  404: 'error.404.title',
  409: 'error.409.title',
  413: 'error.413.title',
  415: 'error.415.title',
  422: 'error.422.title',
  429: 'error.429.title',
  500: 'error.500.title',
};

const explanations: Record<string, MessageKey> = {
  forbidden: 'error.403.text',
  csrf: 'error.csrf.text',
  'not-found': 'error.404.text',
  conflict: 'error.409.text',
  'quota-exceeded': 'error.quota.text',
  'capacity-exceeded': 'error.capacity.text',
  'version-mismatch': 'error.version.text',
  'illegal-transition': 'error.transition.text',
  'evidence-already-reviewed': 'error.reviewed.text',
  'evidence-corrupted': 'error.corrupted.text',
  'validation-failed': 'error.422.text',
  'malformed-request': 'error.400.text',
  'payload-too-large': 'error.413.text',
  'unsupported-media-type': 'error.415.text',
  'too-many-requests': 'error.429.text',
  internal: 'error.500.text',
};

export const ErrorPage: FC<{ ui: Ui; info: ErrorInfo }> = ({ ui, info }) => {
  const { t } = ui.i18n;
  const title = t(titles[info.status] ?? (info.status >= 500 ? 'error.500.title' : 'error.409.title'));
  // The verb's detail is English for scripts; the page shows it only when it reads in the user's language.
  const detail = info.detail ? translateMessage(info.detail, ui.i18n) : null;
  const explanation = t(explanations[info.type ?? ''] ?? (info.status === 404 ? 'error.404.text' : info.status === 403 ? 'error.403.text' : info.status >= 500 ? 'error.500.text' : 'error.409.text'));
  return (
    <Layout ui={ui} title={title}>
      <div class="error-panel">
        <p>{explanation}</p>
        {info.shortfall && info.shortfall.length > 0 ? (
          <table class="data">
            <caption>{t('error.quota.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('error.quota.resource')}</th>
                <th scope="col" class="num">{t('error.quota.requested')}</th>
                <th scope="col" class="num">{t('error.quota.available')}</th>
                <th scope="col" class="num">{t('error.quota.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {info.shortfall.map((s) => (
                <tr>
                  <th scope="row">{resourceLabel(ui, s.resource)}</th>
                  <td class="num">{amount(ui, s.resource, s.requested)}</td>
                  <td class="num">{amount(ui, s.resource, s.available)}</td>
                  <td class="num">{amount(ui, s.resource, s.missing)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {info.fieldMessages && info.fieldMessages.length > 0 ? (
          <ul>
            {info.fieldMessages.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        ) : null}
        {detail && detail !== info.detail ? (
          <p class="technical">
            {t('error.technical')} {detail}
          </p>
        ) : null}
        <p class="actions">
          {info.back ? (
            <a class="button" href={info.back}>
              {t('error.back')}
            </a>
          ) : null}
          <a href="/">{t('error.home')}</a>
        </p>
      </div>
    </Layout>
  );
};

function resourceLabel(ui: Ui, resource: string): string {
  switch (resource) {
    case 'vcpu':
      return ui.i18n.t('resource.vcpu');
    case 'memoryMb':
      return ui.i18n.t('resource.memoryMb');
    case 'storageGb':
      return ui.i18n.t('resource.storageGb');
    case 'environments':
      return ui.i18n.t('resource.environments');
    default:
      return resource;
  }
}

/** An amount with its unit, as the quota panels write it. */
export function amount(ui: Ui, resource: string, n: number): string {
  switch (resource) {
    case 'vcpu':
      return ui.i18n.vcpu(n);
    case 'memoryMb':
      return ui.i18n.mib(n);
    case 'storageGb':
      return ui.i18n.gib(n);
    default:
      return ui.i18n.num(n);
  }
}
