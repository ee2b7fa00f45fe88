/**
 * The risk register's forms: an asset (new or edited), a risk scenario, and a risk's treatment.
 * Each works as a plain form; the one script only hides the fields an asset's kind does not use.
 */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import type { AssetView, RiskView } from '../services/risks/read-model.js';
import type { Matrix } from '../services/risks/matrix.js';
import { ControlPicker, type ControlChoice } from './cert.js';
import { Csrf, ErrorSummary, SelectField, TextArea, TextField, type Option } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

export const ASSET_KINDS = ['environment', 'platform-component', 'room', 'power', 'cooling', 'network-link'] as const;
const FACILITY_KINDS = 'room power cooling network-link';

const kindLabel = (ui: Ui, k: string) => ui.i18n.t(`risks.kind.${k}` as MessageKey);

const Actions: FC<{ ui: Ui; submit: string; back: string }> = ({ ui, submit, back }) => (
  <div class="button-row">
    <button type="submit" class="button">
      {submit}
    </button>
    <a class="button secondary" href={back}>
      {ui.i18n.t('common.cancel')}
    </a>
  </div>
);

export function assetLabels(ui: Ui): Record<string, string> {
  const { t } = ui.i18n;
  return {
    kind: t('risks.asset.kind'),
    code: t('risks.form.code'),
    name: t('risks.form.name'),
    description: t('risks.form.description'),
    ownerEmail: t('risks.form.ownerEmail'),
    requestId: t('risks.form.requestId'),
    component: t('risks.form.component'),
    facilityRef: t('risks.form.facilityRef'),
  };
}

/** A new asset, or an existing one (`asset`): its kind, code and what it stands for are set once. */
export const AssetFormPage: FC<{ ui: Ui; form: FormState; asset: AssetView | null; environments: Option[]; components: readonly string[]; owners: Option[] }> = ({ ui, form, asset, environments, components, owners }) => {
  const { t } = ui.i18n;
  const labels = assetLabels(ui);
  const facility = asset ? FACILITY_KINDS.split(' ').includes(asset.kind) : true;
  return (
    <Layout ui={ui} title={asset ? t('risks.form.editAsset', { code: asset.code }) : t('risks.form.newAsset')} lead={t('risks.form.assetLead')} nav="risks">
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action={asset ? `/risques/actifs/${asset.id}/modifier` : '/risques/actifs/nouveau'} class="panel" novalidate data-asset-form>
        <Csrf ui={ui} />
        {asset ? (
          <>
            <input type="hidden" name="version" value={String(asset.version)} />
            <p>
              {kindLabel(ui, asset.kind)} · {asset.code}
            </p>
          </>
        ) : (
          <div class="grid">
            <SelectField form={form} name="kind" label={labels.kind!} required options={ASSET_KINDS.map((k) => ({ value: k, label: kindLabel(ui, k) }))} />
            <TextField form={form} name="code" label={labels.code!} hint={t('risks.form.codeHint')} required spellcheck={false} />
          </div>
        )}
        <TextField form={form} name="name" label={labels.name!} required />
        <TextArea form={form} name="description" label={labels.description!} rows={3} />
        <SelectField form={form} name="ownerEmail" label={labels.ownerEmail!} hint={t('risks.form.ownerHint')} required blank="" options={owners} />
        {asset ? null : (
          <>
            <div data-for-kinds="environment">
              <SelectField form={form} name="requestId" label={labels.requestId!} hint={t('risks.form.requestIdHint')} blank="" options={environments} />
            </div>
            <div data-for-kinds="platform-component">
              <SelectField form={form} name="component" label={labels.component!} hint={t('risks.form.componentHint')} blank="" options={components.map((c) => ({ value: c, label: c }))} />
            </div>
          </>
        )}
        {facility ? (
          <div data-for-kinds={FACILITY_KINDS}>
            <TextField form={form} name="facilityRef" label={labels.facilityRef!} hint={t('risks.form.facilityRefHint')} />
          </div>
        ) : null}
        <Actions ui={ui} submit={asset ? t('common.save') : t('risks.form.createAsset')} back="/risques/actifs" />
      </form>
    </Layout>
  );
};

const scale = (ui: Ui, labels: Matrix['likelihood']): Option[] => labels.map((l, i) => ({ value: String(i + 1), label: `${i + 1}. ${l[ui.i18n.locale]}` }));

export function riskLabels(ui: Ui): Record<string, string> {
  const { t } = ui.i18n;
  return {
    title: t('risks.col.title'),
    assetId: t('risks.col.asset'),
    threat: t('risks.threat'),
    vulnerability: t('risks.vulnerability'),
    consequence: t('risks.consequence'),
    likelihood: t('risks.heat.likelihood'),
    impact: t('risks.heat.impact'),
    ownerEmail: t('risks.col.owner'),
  };
}

/** A risk scenario on an asset, scored before any treatment (inherent risk); or one changed (`risk`), on the same asset. */
export const RiskFormPage: FC<{ ui: Ui; form: FormState; assets: Option[]; owners: Option[]; matrix: Matrix; risk?: RiskView | undefined }> = ({ ui, form, assets, owners, matrix, risk }) => {
  const { t } = ui.i18n;
  const labels = riskLabels(ui);
  return (
    <Layout ui={ui} title={risk ? t('risks.form.editRisk', { reference: risk.reference }) : t('risks.form.newRisk')} lead={risk ? t('risks.form.editRiskHint') : t('risks.form.riskLead')} nav="risks">
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action={risk ? `/risques/${risk.id}/modifier` : '/risques/nouveau'} class="panel" novalidate>
        <Csrf ui={ui} />
        {risk ? <input type="hidden" name="version" value={String(risk.version)} /> : null}
        <TextField form={form} name="title" label={labels.title!} required />
        {risk ? (
          <p>
            {labels.assetId} : {risk.asset.code} — {risk.asset.name}
          </p>
        ) : (
          <SelectField form={form} name="assetId" label={labels.assetId!} required blank="" options={assets} />
        )}
        <TextArea form={form} name="threat" label={labels.threat!} required rows={2} />
        <TextArea form={form} name="vulnerability" label={labels.vulnerability!} required rows={2} />
        <TextArea form={form} name="consequence" label={labels.consequence!} required rows={2} />
        <div class="grid">
          <SelectField form={form} name="likelihood" label={labels.likelihood!} required blank="" options={scale(ui, matrix.likelihood)} />
          <SelectField form={form} name="impact" label={labels.impact!} required blank="" options={scale(ui, matrix.impact)} />
        </div>
        <SelectField form={form} name="ownerEmail" label={labels.ownerEmail!} hint={t('risks.form.riskOwnerHint')} required blank="" options={owners} />
        <Actions ui={ui} submit={risk ? t('common.save') : t('risks.form.createRisk')} back={risk ? `/risques/${risk.id}` : '/risques'} />
      </form>
    </Layout>
  );
};

export const TREATMENTS = ['reduce', 'accept', 'avoid', 'transfer'] as const;

export function treatmentLabels(ui: Ui): Record<string, string> {
  const { t } = ui.i18n;
  return {
    treatment: t('risks.col.treatment'),
    plan: t('risks.treatmentPlan'),
    dueDate: t('risks.col.due'),
    residualLikelihood: t('risks.form.residualLikelihood'),
    residualImpact: t('risks.form.residualImpact'),
    controls: t('risks.col.controls'),
  };
}

/** Reduce (with controls), accept, avoid or transfer; the residual aimed at; the plan and its date. */
export const TreatmentFormPage: FC<{ ui: Ui; form: FormState; risk: RiskView; matrix: Matrix; choices: ControlChoice[] }> = ({ ui, form, risk, matrix, choices }) => {
  const { t } = ui.i18n;
  const labels = treatmentLabels(ui);
  return (
    <Layout ui={ui} title={t('risks.form.treatTitle', { reference: risk.reference })} lead={risk.title} nav="risks">
      <p class="hint">{t('risks.form.treatHint', { likelihood: risk.inherent.likelihood, impact: risk.inherent.impact })}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <form method="post" action={`/risques/${risk.id}/traitement`} class="panel" novalidate>
        <Csrf ui={ui} />
        <input type="hidden" name="version" value={String(risk.version)} />
        <SelectField form={form} name="treatment" label={labels.treatment!} required options={TREATMENTS.map((x) => ({ value: x, label: t(`risks.treatment.${x}` as MessageKey) }))} />
        <TextArea form={form} name="plan" label={labels.plan!} required rows={3} />
        <TextField form={form} name="dueDate" type="date" label={labels.dueDate!} hint={t('common.dateHint')} />
        <div class="grid">
          <SelectField form={form} name="residualLikelihood" label={labels.residualLikelihood!} required options={scale(ui, matrix.likelihood)} />
          <SelectField form={form} name="residualImpact" label={labels.residualImpact!} required options={scale(ui, matrix.impact)} />
        </div>
        <ControlPicker ui={ui} form={form} name="controls" label={labels.controls!} framework="all" choices={[{ framework: 'all', controls: choices }]} hint={t('risks.form.controlsHint')} />
        <Actions ui={ui} submit={t('risks.form.saveTreatment')} back={`/risques/${risk.id}`} />
      </form>
    </Layout>
  );
};
