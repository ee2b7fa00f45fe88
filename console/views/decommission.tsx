/** Decommissioning asks for a reason and a confirmation on a page of its own: it cannot be undone. */
import type { FC } from 'hono/jsx';
import { Checkbox, Csrf, ErrorSummary, TextArea } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

export const DecommissionPage: FC<{ ui: Ui; request: { id: string; reference: string; environmentName: string; version: number }; action: 'request-decommission' | 'decommission'; form: FormState }> = ({
  ui,
  request,
  action,
  form,
}) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('decommission.title', { env: request.environmentName })} nav="requests">
      <p class="lead">{t('decommission.lead')}</p>
      <ErrorSummary ui={ui} form={form} labels={{ comment: t('decommission.reason'), confirm: t('decommission.confirm') }} />
      <form method="post" action={`/demandes/${request.id}/decommissionner`} novalidate class="narrow">
        <Csrf ui={ui} />
        <input type="hidden" name="version" value={String(request.version)} />
        <TextArea form={form} name="comment" label={t('decommission.reason')} hint={t('decommission.reasonHint')} required rows={3} />
        <Checkbox form={form} name="confirm" label={t('decommission.confirm')} />
        <div class="form-actions">
          <button type="submit" class="button danger">
            {action === 'decommission' ? t('decommission.operatorSubmit') : t('decommission.submit')}
          </button>
          <a href={`/demandes/${request.id}`}>{t('common.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
};
