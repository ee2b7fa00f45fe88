/**
 * The approval queue as one compact table: sortable by its headings (links, so it works
 * without script), filtered by a small form, each request's detail and decisions on its own
 * page. Above it, what all pending requests of a ministry would do to its quota together.
 */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import type { MinistryPending, QueueRow, QueueSort, Verdict } from '../routes/pages/queue-model.js';
import { Badge, Empty, Pagination, SelectField, type Option } from './components.js';
import { amount } from './errors.js';
import { Layout } from './layout.js';
import { availabilityLabel, AVAILABILITIES, footprintText } from './requests.js';
import { ScrollTable } from './scroll-table.js';
import type { Ui } from './ui.js';

export interface QueueFilters {
  ministry: string;
  availability: string;
  verdict: string;
  sort: QueueSort;
  order: 'asc' | 'desc';
}

const verdictKind: Record<Verdict, string> = { ok: 'success', quota: 'danger', capacity: 'danger' };
export const VERDICTS: readonly Verdict[] = ['ok', 'quota', 'capacity'];

/** How long a request has waited, in the largest whole unit. */
export function age(ui: Ui, since: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes >= 1440) return ui.i18n.t('age.days', { n: Math.floor(minutes / 1440) });
  if (minutes >= 60) return ui.i18n.t('age.hours', { n: Math.floor(minutes / 60) });
  return ui.i18n.t('age.minutes', { n: minutes });
}

const share = (ui: Ui, ratio: number) => (Number.isFinite(ratio) ? ui.i18n.percent(ratio) : '—');

function queueHref(f: QueueFilters, change: Partial<QueueFilters>): string {
  const next = { ...f, ...change };
  const q = new URLSearchParams();
  if (next.ministry) q.set('ministere', next.ministry);
  if (next.availability) q.set('disponibilite', next.availability);
  if (next.verdict) q.set('verdict', next.verdict);
  if (next.sort !== 'age') q.set('tri', next.sort);
  if (next.order !== 'asc') q.set('ordre', next.order);
  const s = q.toString();
  return s ? `/approbations?${s}` : '/approbations';
}

const SortHead: FC<{ ui: Ui; filters: QueueFilters; sort: QueueSort; label: MessageKey; num?: boolean }> = ({ ui, filters, sort, label, num }) => {
  const current = filters.sort === sort;
  const nextOrder = current && filters.order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={current ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={queueHref(filters, { sort, order: nextOrder })} title={ui.i18n.t('queue.sortBy', { column: ui.i18n.t(label) })}>
        {ui.i18n.t(label)}
        {current ? <span aria-hidden="true">{filters.order === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
};

export const QueuePage: FC<{
  ui: Ui;
  rows: QueueRow[];
  matching: number;
  offset: number;
  limit: number;
  total: number;
  ministries: MinistryPending[];
  filters: QueueFilters;
  ministryOptions: Option[];
  now: Date;
}> = ({
  ui,
  rows,
  matching,
  offset,
  limit,
  total,
  ministries,
  filters,
  ministryOptions,
  now,
}) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const form = { values: { ministere: filters.ministry, disponibilite: filters.availability, verdict: filters.verdict }, errors: {} };
  const pending = new Map(ministries.map((m) => [m.code, m.count]));
  const caption = t('queue.caption', { shown: matching, total });
  return (
    <Layout ui={ui} title={t('queue.title')} lead={t('queue.lead', { n: total })} nav="queue" wide>
      {total === 0 ? <Empty ui={ui} message="queue.empty" /> : null}
      {ministries.length > 0 ? (
        <section aria-labelledby="q-ministries">
          <h2 id="q-ministries">{t('queue.byMinistry')}</h2>
          <ScrollTable label={t('queue.byMinistryCaption')}>
            <table class="data compact">
              <caption class="visually-hidden">{t('queue.byMinistryCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.col.ministry')}</th>
                  <th scope="col" class="num">{t('queue.col.pending')}</th>
                  <th scope="col">{t('queue.col.pendingSize')}</th>
                  <th scope="col" class="num">{t('queue.col.quotaAll')}</th>
                </tr>
              </thead>
              <tbody>
                {ministries.map((m) => (
                  <tr>
                    <th scope="row">
                      <a href={queueHref(filters, { ministry: m.code })}>
                        <abbr title={m.name}>{m.code}</abbr>
                      </a>
                    </th>
                    <td class="num">{i.num(m.count, 0)}</td>
                    <td>{footprintText(ui, m.footprint)}</td>
                    <td class="num">
                      {share(ui, m.quotaAfterAll)} <Badge kind={m.over ? 'danger' : 'success'}>{t(m.over ? 'queue.combinedOver' : 'queue.combinedOk')}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ) : null}
      {total > 0 ? (
        <div>
          <form method="get" action="/approbations" class="filters" role="search" aria-label={t('queue.filters')}>
            <SelectField form={form} name="ministere" label={t('queue.col.ministry')} blank={t('common.all')} options={ministryOptions} />
            <SelectField form={form} name="disponibilite" label={t('queue.col.availability')} blank={t('common.all')} options={AVAILABILITIES.map((a) => ({ value: a, label: availabilityLabel(ui, a) }))} />
            <SelectField form={form} name="verdict" label={t('queue.col.verdict')} blank={t('queue.allVerdicts')} options={VERDICTS.map((v) => ({ value: v, label: t(`queue.verdict.${v}`) }))} />
            {filters.sort !== 'age' ? <input type="hidden" name="tri" value={filters.sort} /> : null}
            {filters.order !== 'asc' ? <input type="hidden" name="ordre" value={filters.order} /> : null}
            <button type="submit" class="button secondary">
              {t('common.filter')}
            </button>
          </form>
          <p class="hint">
            {t('queue.detailHint')} {t('queue.sortHint')}
          </p>
          <ScrollTable label={caption}>
            <table class="data compact queue-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.col.reference')}</th>
                  <SortHead ui={ui} filters={filters} sort="ministry" label="queue.col.ministry" />
                  <th scope="col">{t('queue.col.environment')}</th>
                  <SortHead ui={ui} filters={filters} sort="size" label="queue.col.size" />
                  <th scope="col">{t('queue.col.availability')}</th>
                  <SortHead ui={ui} filters={filters} sort="age" label="queue.col.age" />
                  <SortHead ui={ui} filters={filters} sort="quota" label="queue.col.quota" />
                  <SortHead ui={ui} filters={filters} sort="site" label="queue.col.site" />
                  <th scope="col">{t('queue.col.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-request={r.id}>
                    <th scope="row" class="nowrap">
                      <a href={`/demandes/${r.id}`}>{r.reference}</a>
                    </th>
                    <td>
                      <abbr title={r.ministry.name}>{r.ministry.code}</abbr>
                    </td>
                    <td class="break">
                      <code>{r.environmentName}</code>
                    </td>
                    <td class="small">{footprintText(ui, r.footprint)}</td>
                    <td>{availabilityLabel(ui, r.availability)}</td>
                    <td class="nowrap">
                      <time datetime={r.submittedAt}>{age(ui, r.submittedAt, now)}</time>
                    </td>
                    <td class={`num${r.verdict === 'quota' ? ' text-danger' : ''}`}>
                      {share(ui, r.quotaAfter)}
                      {r.shortfall.length > 0 ? (
                        <div class="small">{t('queue.missing', { what: r.shortfall.map((s) => amount(ui, s.resource, s.missing)).join(', ') })}</div>
                      ) : null}
                      {r.combinedOver && r.verdict !== 'quota' ? <div class="small text-warning">{t('queue.withPending', { n: pending.get(r.ministry.code) ?? 1, share: share(ui, r.quotaAfterAll) })}</div> : null}
                    </td>
                    <td class="num">
                      {t('queue.siteShare', { share: share(ui, r.siteAfter) })}
                      <div class="small">{r.placeable ? t('queue.placeable') : t('queue.notPlaceable')}</div>
                    </td>
                    <td>
                      <Badge kind={verdictKind[r.verdict]}>{t(`queue.verdict.${r.verdict}`)}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <Pagination ui={ui} total={matching} limit={limit} offset={offset} href={(o) => `${queueHref(filters, {})}${queueHref(filters, {}).includes('?') ? '&' : '?'}offset=${o}`} />
        </div>
      ) : null}
    </Layout>
  );
};
