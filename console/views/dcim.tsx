/** Facility pages: the overview, a component's form, the what-if of one component, the N-1 sweep. */
import type { FC } from 'hono/jsx';
import type { Component, WhatIf } from '../../facility/index.js';
import { componentKinds } from '../../facility/index.js';
import type { MessageKey } from '../i18n/index.js';
import type { FacilityOverview } from '../services/dcim/overview.js';
import type { SweepReport } from '../services/dcim/sweep.js';
import { Badge, Checkbox, ColumnHeads, Csrf, Empty, ErrorSummary, SelectField, TextArea, TextField } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

const kw = (ui: Ui, w: number | null) => (w === null ? '—' : ui.i18n.t('unit.kw', { n: ui.i18n.num(w / 1000, 1) }));

export const SweepSummary: FC<{ ui: Ui; sweep: SweepReport | null }> = ({ ui, sweep }) => {
  const { t } = ui.i18n;
  if (!sweep) return <p class="notice notice-neutral">{t('facility.sweep.none')}</p>;
  const at = ui.i18n.dateTime(sweep.at);
  if (sweep.singlePoints > 0) return <p class="notice notice-error">{t('facility.sweep.spof', { k: sweep.singlePoints, n: sweep.components, at })}</p>;
  if (!sweep.clean) return <p class="notice notice-error">{t('facility.sweep.notClean', { at })}</p>;
  return <p class="notice notice-success">{t('facility.sweep.clean', { n: sweep.components, at })}</p>;
};

export const FacilityPage: FC<{ ui: Ui; overview: FacilityOverview; components: Component[]; canEdit: boolean; importForm: FormState }> = ({ ui, overview, components, canEdit, importForm }) => {
  const { t } = ui.i18n;
  const o = overview;
  return (
    <Layout ui={ui} title={t('facility.title')} lead={t('facility.lead')} nav="facility" wide>
      <SweepSummary ui={ui} sweep={o.sweep} />
      <p>
        <a href="/installation/simulation">{t('facility.links.whatIf')}</a> · <a href="/installation/balayage">{t('facility.links.sweep')}</a> ·{' '}
        <a href="/api/v1/dcim/export.csv">{t('facility.links.export')}</a>
        {canEdit ? (
          <>
            {' '}
            · <a href="/installation/composants/nouveau">{t('facility.add')}</a>
          </>
        ) : null}
      </p>
      {o.components === 0 ? <Empty ui={ui} message="facility.empty" /> : null}
      <p>
        {o.pue
          ? t(o.pue.interim ? 'facility.pue.interim' : 'facility.pue', { value: ui.i18n.num(o.pue.value, 2), category: o.pue.category, from: ui.i18n.date(o.pue.from), to: ui.i18n.date(o.pue.to), days: ui.i18n.num(o.pue.days, 0) })
          : t('facility.pue.none')}
        {o.stale.length > 0 ? ` ${t('facility.stale', { n: o.stale.length })}` : ''}
      </p>
      {o.rooms.length > 0 ? (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption>{t('facility.rooms')}</caption>
            <ColumnHeads ui={ui} columns={['facility.rooms.col.room', 'facility.rooms.col.area', 'facility.rooms.col.heat', 'facility.rooms.col.cooling', 'facility.rooms.col.headroom', 'facility.rooms.col.redundant', 'facility.rooms.col.inlet']} />
            <tbody>
              {o.rooms.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td class="num">{r.areaM2 === null ? '—' : t('unit.m2', { n: ui.i18n.num(r.areaM2, 0) })}</td>
                  <td class="num">{kw(ui, r.heatW)}</td>
                  <td class="num">{kw(ui, r.capacityW)}</td>
                  <td class="num">{kw(ui, r.headroomW)}</td>
                  <td>{r.headroomW >= r.largestUnitW ? <Badge kind="success">{t('common.yes')}</Badge> : <Badge kind="danger">{t('common.no')}</Badge>}</td>
                  <td class="num">{r.inletMaxC === null ? '—' : t('unit.celsius', { n: ui.i18n.num(r.inletMaxC, 1) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {o.power.length > 0 ? (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption>{t('facility.power')}</caption>
            <ColumnHeads ui={ui} columns={['facility.power.col.component', 'facility.power.col.rating', 'facility.power.col.limit', 'facility.power.col.load', 'facility.power.col.worst', 'facility.power.col.measured']} />
            <tbody>
              {o.power
                .filter((p) => p.kind !== 'pdu')
                .map((p) => (
                  <tr>
                    <th scope="row">
                      <a href={`/installation/simulation?composant=${encodeURIComponent(p.id)}`}>{p.name}</a> <code>{p.id}</code>
                    </th>
                    <td class="num">{kw(ui, p.ratingW)}</td>
                    <td class="num">{kw(ui, p.limitW)}</td>
                    <td class="num">{kw(ui, p.loadW)}</td>
                    <td class="num">{p.limitW !== null && p.worstW > p.limitW ? <Badge kind="danger">{kw(ui, p.worstW)}</Badge> : kw(ui, p.worstW)}</td>
                    <td class="num">{kw(ui, p.measuredW)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {o.racks.length > 0 ? (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption>{t('facility.racks')}</caption>
            <ColumnHeads ui={ui} columns={['facility.racks.col.rack', 'facility.racks.col.room', 'facility.racks.col.units', 'facility.racks.col.budget', 'facility.racks.col.load', 'facility.racks.col.headroom']} />
            <tbody>
              {o.racks.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/installation/simulation?composant=${encodeURIComponent(r.id)}`}>{r.name}</a>
                  </th>
                  <td>{r.room ?? '—'}</td>
                  <td class="num">
                    {r.usedU}/{r.heightU ?? '—'}
                  </td>
                  <td class="num">{kw(ui, r.budgetW)}</td>
                  <td class="num">{kw(ui, r.loadW)}</td>
                  <td class="num">{kw(ui, r.budgetW - r.loadW)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canEdit ? (
        <>
          <details>
            <summary>{t('facility.components')}</summary>
            <ul class="compact">
              {components.map((c) => (
                <li>
                  <a href={`/installation/composants/${encodeURIComponent(c.id)}`}>
                    <code>{c.id}</code>
                  </a>{' '}
                  {t(`kind.${c.kind}` as MessageKey)} — {c.name}
                </li>
              ))}
            </ul>
          </details>
          <h2>{t('facility.import')}</h2>
          <form method="post" action="/installation/import">
            <Csrf ui={ui} />
            <ErrorSummary ui={ui} form={importForm} />
            <TextArea form={importForm} name="csv" label={t('facility.import.field')} hint={t('facility.import.hint')} rows={6} />
            <button type="submit" class="button secondary">
              {t('facility.import.submit')}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
};

export const componentFields = ['id', 'kind', 'name', 'parent', 'inputs', 'inputMode', 'ratingW', 'drawW', 'modules', 'redundantModules', 'heightU', 'positionU', 'areaM2', 'hostName'] as const;

export function componentFormValues(c: Component): Record<string, string> {
  const v: Record<string, string> = {};
  for (const k of componentFields) {
    const x = k === 'inputs' ? c.inputs.join(' ') : k === 'parent' ? c.parent : c[k];
    v[k] = x === null || x === undefined ? '' : String(x);
  }
  return v;
}

export const ComponentPage: FC<{ ui: Ui; id: string | null; form: FormState; deleteForm?: FormState }> = ({ ui, id, form, deleteForm }) => {
  const { t } = ui.i18n;
  const label = (k: (typeof componentFields)[number]) => t(`component.field.${k}` as MessageKey);
  return (
    <Layout ui={ui} title={id ? t('component.title', { id }) : t('component.new')} nav="facility">
      <form method="post" action={id ? `/installation/composants/${encodeURIComponent(id)}` : '/installation/composants/nouveau'}>
        <Csrf ui={ui} />
        <ErrorSummary ui={ui} form={form} />
        {id ? <input type="hidden" name="id" value={id} /> : <TextField form={form} name="id" label={label('id')} required width="medium" spellcheck={false} />}
        <SelectField form={form} name="kind" label={label('kind')} required options={componentKinds.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))} />
        <TextField form={form} name="name" label={label('name')} required width="long" />
        <TextField form={form} name="parent" label={label('parent')} width="medium" spellcheck={false} />
        <TextField form={form} name="inputs" label={label('inputs')} width="long" spellcheck={false} />
        <SelectField
          form={form}
          name="inputMode"
          label={label('inputMode')}
          options={[
            { value: '', label: t('component.mode.default') },
            { value: 'shared', label: t('component.mode.shared') },
            { value: 'standby', label: t('component.mode.standby') },
          ]}
        />
        {(['ratingW', 'drawW', 'modules', 'redundantModules', 'heightU', 'positionU', 'areaM2'] as const).map((k) => (
          <TextField form={form} name={k} label={label(k)} type="number" width="short" />
        ))}
        <TextField form={form} name="hostName" label={label('hostName')} width="medium" spellcheck={false} />
        <button type="submit" class="button">
          {t('component.save')}
        </button>
      </form>
      {id ? <DeleteComponent ui={ui} id={id} form={deleteForm ?? { values: {}, errors: {} }} /> : null}
    </Layout>
  );
};

/** Deleting is a form of its own, confirmed, so that saving the component can never delete it. */
const DeleteComponent: FC<{ ui: Ui; id: string; form: FormState }> = ({ ui, id, form }) => {
  const { t } = ui.i18n;
  return (
    <section aria-labelledby="component-delete">
      <h2 id="component-delete">{t('component.delete')}</h2>
      <p>{t('component.delete.hint')}</p>
      <form method="post" action={`/installation/composants/${encodeURIComponent(id)}/suppression`}>
        <Csrf ui={ui} />
        <ErrorSummary ui={ui} form={form} labels={{ confirm: t('component.delete.confirm', { id }) }} />
        <Checkbox form={form} name="confirm" label={t('component.delete.confirm', { id })} />
        <button type="submit" class="button danger">
          {t('component.delete')}
        </button>
      </form>
    </section>
  );
};

const EnvList: FC<{ ui: Ui; envs: { name: string; availability: 'high' | 'standard'; replicasLost?: number }[] }> = ({ ui, envs }) =>
  envs.length === 0 ? (
    <p>{ui.i18n.t('whatif.none')}</p>
  ) : (
    <ul>
      {envs.map((e) => (
        <li>
          {e.name} ({ui.i18n.t(`whatif.availability.${e.availability}`)}){e.replicasLost !== undefined ? ` — ${ui.i18n.t('whatif.keeping.lost', { n: e.replicasLost })}` : ''}
        </li>
      ))}
    </ul>
  );

export const WhatIfPage: FC<{ ui: Ui; components: Component[]; selected: string; result: WhatIf | null; form: FormState }> = ({ ui, components, selected, result, form }) => {
  const { t } = ui.i18n;
  const failable = components.filter((c) => c.kind !== 'site' && c.kind !== 'room');
  return (
    <Layout ui={ui} title={t('whatif.title')} lead={t('whatif.lead')} nav="facility">
      <form method="get" action="/installation/simulation" class="inline">
        <ErrorSummary ui={ui} form={form} />
        <SelectField
          form={{ values: { composant: selected }, errors: form.errors }}
          name="composant"
          label={t('whatif.field')}
          options={failable.map((c) => ({ value: c.id, label: `${t(`kind.${c.kind}` as MessageKey)} — ${c.name} (${c.id})` }))}
        />
        <button type="submit" class="button">
          {t('whatif.submit')}
        </button>
      </form>
      {result ? (
        <section id="whatif-result" aria-live="polite">
          <p class={`notice ${result.singlePointOfFailure ? 'notice-error' : 'notice-success'}`} id="whatif-verdict">
            {t(result.singlePointOfFailure ? 'whatif.verdict.spof' : 'whatif.verdict.ok', { name: result.component.name })}
          </p>
          <h2>{t('whatif.stopped')}</h2>
          <EnvList ui={ui} envs={result.environmentsStopped} />
          <h2>{t('whatif.keeping')}</h2>
          <EnvList ui={ui} envs={result.highKeeping} />
          <h2>{t('whatif.overloads')}</h2>
          {result.overloads.length === 0 ? (
            <p>{t('whatif.none')}</p>
          ) : (
            <ul>
              {result.overloads.map((o) => (
                <li>
                  <code>{o.id}</code> : {kw(ui, o.loadW)} / {kw(ui, o.limitW)}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('whatif.rooms')}</h2>
          {result.roomsOverCooling.length === 0 ? (
            <p>{t('whatif.none')}</p>
          ) : (
            <ul>
              {result.roomsOverCooling.map((r) => (
                <li>
                  <code>{r.id}</code> : {kw(ui, r.heatW)} / {kw(ui, r.capacityW)}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('whatif.stoppedHosts')}</h2>
          <p>{result.stoppedHosts.length === 0 ? t('whatif.none') : result.stoppedHosts.join(', ')}</p>
          <details>
            <summary>{t('whatif.down')}</summary>
            <p>{result.down.join(', ') || t('whatif.none')}</p>
          </details>
        </section>
      ) : null}
    </Layout>
  );
};

export const SweepPage: FC<{ ui: Ui; sweep: SweepReport | null; canRun: boolean }> = ({ ui, sweep, canRun }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('sweep.title')} lead={t('sweep.lead')} nav="facility" wide>
      <SweepSummary ui={ui} sweep={sweep} />
      {canRun ? (
        <form method="post" action="/installation/balayage" class="inline">
          <Csrf ui={ui} />
          <button type="submit" class="button secondary">
            {t('sweep.run')}
          </button>
        </form>
      ) : null}
      {sweep && sweep.singlePointsOfFailure.length > 0 ? (
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <ColumnHeads ui={ui} columns={['sweep.col.component', 'sweep.col.why']} />
            <tbody>
              {sweep.singlePointsOfFailure.map((s) => (
                <tr>
                  <th scope="row">
                    <a href={`/installation/simulation?composant=${encodeURIComponent(s.id)}`}>{s.name}</a> <code>{s.id}</code>
                  </th>
                  <td>
                    {[
                      ...(s.stopsHigh.length > 0 ? [t('sweep.why.stops', { n: s.stopsHigh.length })] : []),
                      ...(s.overloads.length > 0 ? [t('sweep.why.overloads', { list: s.overloads.join(', ') })] : []),
                      ...(s.roomsOverCooling.length > 0 ? [t('sweep.why.rooms', { list: s.roomsOverCooling.join(', ') })] : []),
                    ].join(' ; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {sweep && !sweep.clean ? (
        <>
          <h2>{t('sweep.baseline')}</h2>
          <ul>
            {sweep.baseline.overloads.map((o) => (
              <li>{t('sweep.baseline.overload', { id: o.id, load: kw(ui, o.loadW), limit: kw(ui, o.limitW) })}</li>
            ))}
            {sweep.baseline.unpowered.length > 0 ? <li>{t('sweep.baseline.unpowered', { n: sweep.baseline.unpowered.length })}</li> : null}
            {sweep.baseline.unmodelled.length > 0 ? <li>{t('sweep.baseline.unmodelled', { n: sweep.baseline.unmodelled.length })}</li> : null}
          </ul>
        </>
      ) : null}
      {sweep ? <p id="sweep-summary">{t('sweep.summary', { n: sweep.components, k: sweep.singlePoints })}</p> : null}
    </Layout>
  );
};
