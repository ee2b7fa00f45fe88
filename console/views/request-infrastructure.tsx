/**
 * What the infrastructure says about a request, on its page: the applied run that activated or
 * removed it (marked when it is demonstration data), an administrator's declaration with its
 * reason, or — while it waits — what it waits for and the stack's last failed apply, in French.
 */
import type { FC } from 'hono/jsx';
import { Badge } from './components.js';
import type { Ui } from './ui.js';

export interface RequestInfrastructureView {
  stack: string | null;
  activatedByRun: { id: string; demo: boolean } | null;
  decommissionedByRun: { id: string; demo: boolean } | null;
  activationOverride: string | null;
  lastFailedRun: { id: string; failureReason: string | null; finishedAt: string | null } | null;
}

/** A run by its short id: a link for staff, who may open runs; plain for ministries, who may not. */
export const RunRef: FC<{ ui: Ui; run: { id: string; demo: boolean }; staff: boolean }> = ({ ui, run, staff }) => (
  <>
    {staff ? <a href={`/executions/${run.id}`}>{run.id.slice(0, 8)}</a> : <code>{run.id.slice(0, 8)}</code>}
    {run.demo ? (
      <>
        {' '}
        <Badge kind="neutral">{ui.i18n.t('run.demo')}</Badge>
      </>
    ) : null}
  </>
);

export const RequestInfrastructure: FC<{ ui: Ui; state: string; infra: RequestInfrastructureView; staff: boolean }> = ({ ui, state, infra, staff }) => {
  const { t } = ui.i18n;
  const stack = infra.stack ?? '—';
  const failed = infra.lastFailedRun;
  const step = failed?.failureReason ? /^(?:failed|timed-out) at ([a-z-]+):/.exec(failed.failureReason)?.[1] : undefined;
  return (
    <section class="panel" aria-labelledby="infra-title" data-infrastructure>
      <h2 id="infra-title">{t('runs.title')}</h2>
      {infra.activatedByRun ? (
        <p>
          {t('request.activatedByRun')} <RunRef ui={ui} run={infra.activatedByRun} staff={staff} />
        </p>
      ) : null}
      {infra.activationOverride !== null ? (
        <div class="callout warning">
          <p>
            <strong>{t('request.override')}</strong>
          </p>
          <p>{t('request.overrideReason', { reason: infra.activationOverride })}</p>
        </div>
      ) : null}
      {infra.decommissionedByRun ? (
        <p>
          {t('request.decommissionedByRun')} <RunRef ui={ui} run={infra.decommissionedByRun} staff={staff} />
        </p>
      ) : null}
      {state === 'approved' || state === 'provisioning' ? <p class="hint">{t('request.waitingApply', { stack })}</p> : null}
      {state === 'decommissioning' ? <p class="hint">{t('request.waitingDestroy', { stack })}</p> : null}
      {failed ? (
        <div class="callout danger" role="alert">
          <p>
            <strong>{t('request.lastFailedRun', { stack })}</strong> ({ui.i18n.dateTime(failed.finishedAt)}){staff ? <> — <a href={`/executions/${failed.id}`}>{failed.id.slice(0, 8)}</a></> : null}
          </p>
          <p>{failed.failureReason && /no terraform\/tofu binary/.test(failed.failureReason) ? t('run.failedNoBinary') : step ? t('run.failedAt', { step }) : null}</p>
          {failed.failureReason ? (
            <p class="small">
              {t('run.failedRaw')} <span lang="en">{failed.failureReason}</span>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
};
