/** The risk register's pages: the register with its figures, the heat map, the treatment plan, one risk, the assets. */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import type { RiskMetrics } from '../services/risks/list.js';
import type { RiskLevel } from '../services/risks/matrix.js';
import type { AssetView, RiskView } from '../services/risks/read-model.js';
import { Badge, ColumnHeads, Csrf, Empty, ErrorSummary, Facts, TextArea, TextField } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

const levelBadge: Record<RiskLevel, string> = { low: 'success', medium: 'info', high: 'warning', critical: 'danger' };
const stateBadge: Record<RiskView['state'], string> = { identified: 'neutral', treatment_planned: 'info', accepted: 'success', review: 'warning' };

export const LevelBadge: FC<{ ui: Ui; level: RiskLevel; score: number }> = ({ ui, level, score }) => (
  <Badge kind={levelBadge[level]}>
    {ui.i18n.t(`risks.level.${level}` as MessageKey)} ({score})
  </Badge>
);

const StateBadge: FC<{ ui: Ui; risk: RiskView }> = ({ ui, risk }) => <Badge kind={stateBadge[risk.state]}>{ui.i18n.t(`risks.state.${risk.state}` as MessageKey)}</Badge>;

const treatmentLabel = (ui: Ui, t: RiskView['treatment']) => ui.i18n.t(`risks.treatment.${t ?? 'none'}` as MessageKey);

/** Operators and admins keep the register; auditors read it. */
const keeps = (ui: Ui) => ui.actor?.role === 'operator' || ui.actor?.role === 'admin';

const SubNav: FC<{ ui: Ui }> = ({ ui }) => (
  <p class="actions">
    <a href="/risques">{ui.i18n.t('risks.title')}</a> · <a href="/risques/carte">{ui.i18n.t('risks.heatmap')}</a> · <a href="/risques/plan">{ui.i18n.t('risks.plan')}</a> ·{' '}
    <a href="/risques/actifs">{ui.i18n.t('risks.assets')}</a>
  </p>
);

const CELL_W = 84;
const CELL_H = 56;
const LEFT = 130;
const TOP = 24;

/** One heat map, likelihood up the side (highest on top), impact along the bottom. */
export const HeatMap: FC<{ ui: Ui; id: string; title: string; metrics: RiskMetrics; cells: string[][][] }> = ({ ui, id, title, metrics, cells }) => {
  const { t, locale } = ui.i18n;
  const m = metrics.matrix;
  const rows = m.likelihood.length;
  const cols = m.impact.length;
  const width = LEFT + cols * CELL_W + 8;
  const height = TOP + rows * CELL_H + 56;
  const level = (l: number, i: number): RiskLevel => {
    const s = l * i;
    return s >= m.thresholds.critical ? 'critical' : s >= m.thresholds.high ? 'high' : s >= m.thresholds.medium ? 'medium' : 'low';
  };
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`} class="heatmap">
        <text x="0" y="14" class="heat-title">
          {t('risks.heat.likelihood')} ↑
        </text>
        {m.likelihood.map((label, li) => {
          const y = TOP + (rows - 1 - li) * CELL_H;
          return (
            <g>
              <text x="0" y={y + CELL_H / 2 + 4} class="heat-axis">
                {li + 1}. {label[locale]}
              </text>
              {m.impact.map((_, ii) => {
                const refs = cells[li]?.[ii] ?? [];
                const x = LEFT + ii * CELL_W;
                return (
                  <g>
                    <rect x={x} y={y} width={CELL_W} height={CELL_H} class={`heat-cell heat-${level(li + 1, ii + 1)}`}>
                      <title>{refs.length > 0 ? refs.join(', ') : '0'}</title>
                    </rect>
                    {refs.length > 0 ? (
                      <text x={x + CELL_W / 2} y={y + CELL_H / 2 + 6} class="heat-count" text-anchor="middle">
                        {refs.length}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </g>
          );
        })}
        {m.impact.map((label, ii) => (
          <text x={LEFT + ii * CELL_W + CELL_W / 2} y={TOP + rows * CELL_H + 18} class="heat-axis" text-anchor="middle">
            {ii + 1}. {label[locale]}
          </text>
        ))}
        <text x={LEFT + (cols * CELL_W) / 2} y={TOP + rows * CELL_H + 44} class="heat-title" text-anchor="middle">
          {t('risks.heat.impact')} →
        </text>
      </svg>
      <table class="data compact" id={`${id}-table`}>
        <caption class="visually-hidden">{title}</caption>
        <ColumnHeads ui={ui} columns={['risks.heat.likelihood', 'risks.heat.impact', 'risks.col.level', 'risks.col.count', 'risks.col.reference']} />
        <tbody>
          {cells.flatMap((row, li) =>
            row.flatMap((refs, ii) =>
              refs.length === 0
                ? []
                : [
                    <tr>
                      <td>{m.likelihood[li]?.[locale]}</td>
                      <td>{m.impact[ii]?.[locale]}</td>
                      <td>{t(`risks.level.${level(li + 1, ii + 1)}` as MessageKey)}</td>
                      <td class="num">{refs.length}</td>
                      <td>{refs.join(', ')}</td>
                    </tr>,
                  ],
            ),
          )}
        </tbody>
      </table>
    </figure>
  );
};

const LevelTable: FC<{ ui: Ui; metrics: RiskMetrics }> = ({ ui, metrics }) => (
  <table class="data compact">
    <caption>{ui.i18n.t('risks.byLevel')}</caption>
    <ColumnHeads ui={ui} columns={['risks.col.level', 'risks.col.inherent', 'risks.col.residual']} />
    <tbody>
      {(['critical', 'high', 'medium', 'low'] as const).map((l) => (
        <tr>
          <th scope="row">{ui.i18n.t(`risks.level.${l}` as MessageKey)}</th>
          <td class="num">{metrics.inherent[l]}</td>
          <td class="num">{metrics.residual[l]}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

const StateTable: FC<{ ui: Ui; metrics: RiskMetrics }> = ({ ui, metrics }) => (
  <table class="data compact">
    <caption>{ui.i18n.t('risks.byState')}</caption>
    <ColumnHeads ui={ui} columns={['risks.col.state', 'risks.col.count']} />
    <tbody>
      {(['identified', 'treatment_planned', 'accepted', 'review'] as const).map((s) => (
        <tr>
          <th scope="row">{ui.i18n.t(`risks.state.${s}` as MessageKey)}</th>
          <td class="num">{metrics.states[s]}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const RisksPage: FC<{ ui: Ui; items: RiskView[]; metrics: RiskMetrics }> = ({ ui, items, metrics }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('risks.title')} lead={t('risks.lead')} nav="risks" wide>
      <SubNav ui={ui} />
      {keeps(ui) ? (
        <p>
          <a class="button" href="/risques/nouveau">
            {t('risks.new')}
          </a>
        </p>
      ) : null}
      <div class="grid">
        <LevelTable ui={ui} metrics={metrics} />
        <StateTable ui={ui} metrics={metrics} />
      </div>
      <p>{t('risks.expiringSoon', { count: metrics.expiringSoon })}</p>
      {items.length === 0 ? (
        <Empty ui={ui} message="risks.none" />
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption>{t('risks.caption', { total: items.length })}</caption>
            <ColumnHeads ui={ui} columns={['risks.col.reference', 'risks.col.title', 'risks.col.asset', 'risks.col.inherent', 'risks.col.residual', 'risks.col.treatment', 'risks.col.state', 'risks.col.owner']} />
            <tbody>
              {items.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/risques/${r.id}`}>{r.reference}</a>
                  </th>
                  <td>{r.title}</td>
                  <td>{r.asset.code}</td>
                  <td>
                    <LevelBadge ui={ui} level={r.inherent.level} score={r.inherent.score} />
                  </td>
                  <td>
                    <LevelBadge ui={ui} level={r.residual.level} score={r.residual.score} />
                  </td>
                  <td>{treatmentLabel(ui, r.treatment)}</td>
                  <td>
                    <StateBadge ui={ui} risk={r} />
                  </td>
                  <td>{r.owner.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
};

export const HeatMapPage: FC<{ ui: Ui; metrics: RiskMetrics }> = ({ ui, metrics }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('risks.heatmap')} lead={t('risks.heatmapLead')} nav="risks" wide>
      <SubNav ui={ui} />
      <HeatMap ui={ui} id="heat-inherent" title={t('risks.heat.inherent')} metrics={metrics} cells={metrics.heat.inherent} />
      <HeatMap ui={ui} id="heat-residual" title={t('risks.heat.residual')} metrics={metrics} cells={metrics.heat.residual} />
      <LevelTable ui={ui} metrics={metrics} />
    </Layout>
  );
};

const controlRef = (c: { frameworkId: string; controlId: string }) => (
  <a href={`/referentiels/${c.frameworkId}/${encodeURIComponent(c.controlId)}`}>
    {c.frameworkId} {c.controlId}
  </a>
);

export const PlanPage: FC<{ ui: Ui; items: RiskView[] }> = ({ ui, items }) => {
  const { t } = ui.i18n;
  const treated = items.filter((r) => r.treatment !== null);
  return (
    <Layout ui={ui} title={t('risks.plan')} lead={t('risks.planLead')} nav="risks" wide>
      <SubNav ui={ui} />
      <div class="table-wrap" tabindex={0}>
        <table class="data">
          <caption>{t('risks.caption', { total: treated.length })}</caption>
          <ColumnHeads ui={ui} columns={['risks.col.reference', 'risks.col.title', 'risks.col.treatment', 'risks.treatmentPlan', 'risks.col.due', 'risks.col.controls', 'risks.col.pending', 'risks.col.residual', 'risks.col.state']} />
          <tbody>
            {treated.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/risques/${r.id}`}>{r.reference}</a>
                </th>
                <td>{r.title}</td>
                <td>{treatmentLabel(ui, r.treatment)}</td>
                <td>{r.treatmentPlan ?? '—'}</td>
                <td>{r.treatmentDueDate ? ui.i18n.date(`${r.treatmentDueDate}T12:00:00Z`) : '—'}</td>
                <td>{r.controls.length === 0 ? '—' : r.controls.map((c) => <div>{controlRef(c)}</div>)}</td>
                <td>{r.pendingControls.length === 0 ? '—' : r.pendingControls.join(', ')}</td>
                <td>
                  <LevelBadge ui={ui} level={r.residual.level} score={r.residual.score} />
                </td>
                <td>
                  <StateBadge ui={ui} risk={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
};

export const RiskPage: FC<{ ui: Ui; risk: RiskView; form: FormState; canAccept: boolean }> = ({ ui, risk: r, form, canAccept }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <Layout ui={ui} title={`${r.reference} — ${r.title}`} nav="risks" wide>
      <SubNav ui={ui} />
      <p class="status-line">
        <StateBadge ui={ui} risk={r} /> <LevelBadge ui={ui} level={r.residual.level} score={r.residual.score} />
      </p>
      <Facts
        items={[
          [t('risks.col.asset'), `${r.asset.code} — ${r.asset.name}${r.asset.environment ? ` (${r.asset.environment.classification})` : ''}`],
          [t('risks.threat'), r.threat],
          [t('risks.vulnerability'), r.vulnerability],
          [t('risks.consequence'), r.consequence],
          [t('risks.col.inherent'), <LevelBadge ui={ui} level={r.inherent.level} score={r.inherent.score} />],
          [t('risks.targetResidual'), r.targetResidual ? <LevelBadge ui={ui} level={r.targetResidual.level} score={r.targetResidual.score} /> : '—'],
          [t('risks.col.residual'), <LevelBadge ui={ui} level={r.residual.level} score={r.residual.score} />],
          [t('risks.col.treatment'), treatmentLabel(ui, r.treatment)],
          [t('risks.treatmentPlan'), r.treatmentPlan ?? '—'],
          [t('risks.col.controls'), r.controls.length === 0 ? '—' : <>{r.controls.map((c) => <div>{controlRef(c)}{c.titleFr ? ` — ${c.titleFr}` : ''}</div>)}</>],
          [t('risks.col.pending'), r.pendingControls.length === 0 ? '—' : r.pendingControls.join(', ')],
          [t('risks.col.owner'), r.owner.email],
          [t('risks.author'), r.author.email],
          [t('risks.acceptance'), r.acceptance ? t('risks.acceptanceValue', { by: r.acceptance.by, at: i.date(r.acceptance.at), until: i.dateTime(r.acceptance.expiresAt) }) : '—'],
          [t('risks.reviewReasons'), r.reviewReasons.length === 0 ? '—' : r.reviewReasons.map((x) => t(`risks.reason.${x}` as MessageKey)).join(', ')],
        ]}
      />
      {keeps(ui) ? (
        <p>
          <a class="button secondary" href={`/risques/${r.id}/traitement`}>
            {t('risks.treat')}
          </a>{' '}
          <a class="button secondary" href={`/risques/${r.id}/modifier`}>
            {t('risks.edit')}
          </a>
        </p>
      ) : null}
      {canAccept ? (
        <section class="panel" aria-labelledby="r-accept">
          <h2 id="r-accept">{t('risks.accept')}</h2>
          <p class="hint">{t('risks.acceptHint')}</p>
          <ErrorSummary ui={ui} form={form} labels={{ expiresOn: t('risks.expiresOn'), comment: t('risks.comment') }} />
          <form method="post" action={`/risques/${r.id}/accepter`} novalidate>
            <Csrf ui={ui} />
            <input type="hidden" name="version" value={String(r.version)} />
            <TextField form={form} name="expiresOn" type="date" label={t('risks.expiresOn')} hint={t('common.dateHint')} required />
            <TextArea form={form} name="comment" label={t('risks.comment')} required />
            <button type="submit" class="button">
              {t('risks.accept')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
};

export const AssetsPage: FC<{ ui: Ui; items: AssetView[] }> = ({ ui, items }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('risks.assets')} lead={t('risks.assetsLead')} nav="risks" wide>
      <SubNav ui={ui} />
      {keeps(ui) ? (
        <p>
          <a class="button" href="/risques/actifs/nouveau">
            {t('risks.newAsset')}
          </a>
        </p>
      ) : null}
      <div class="table-wrap" tabindex={0}>
        <table class="data">
          <ColumnHeads ui={ui} columns={['risks.col.reference', 'risks.col.asset', 'risks.asset.kind', 'risks.asset.classification', 'risks.asset.reference', 'risks.col.owner', ...(keeps(ui) ? (['common.actions'] as const) : [])]} />
          <tbody>
            {items.map((a) => (
              <tr>
                <th scope="row">{a.code}</th>
                <td>{a.name}</td>
                <td>{t(`risks.kind.${a.kind}` as MessageKey)}</td>
                <td>{a.environment ? `${a.environment.classification} · ${a.environment.reference}` : '—'}</td>
                <td>{a.component ?? a.facilityRef ?? '—'}</td>
                <td>{a.owner.email}</td>
                {keeps(ui) ? (
                  <td>
                    <a href={`/risques/actifs/${a.id}/modifier`}>
                      {t('risks.edit')} <span class="visually-hidden">{a.code}</span>
                    </a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
};
