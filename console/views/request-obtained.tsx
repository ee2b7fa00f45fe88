/**
 * « Ce que vous avez obtenu » on a request's page: the environment as the applied configuration
 * has it (addresses through the ingress, networks, volumes and their backups, placement) and
 * the run that built it; before any applied run, a plain statement that it does not exist yet.
 */
import type { FC } from 'hono/jsx';
import type { Obtained } from '../services/hosting-requests/obtained.js';
import { ColumnHeads } from './components.js';
import { backupLabel } from './requests.js';
import { RunRef } from './request-infrastructure.js';
import { ScrollTable } from './scroll-table.js';
import type { Ui } from './ui.js';

const RunLink: FC<{ ui: Ui; run: { id: string; demo: boolean } }> = ({ ui, run }) => <RunRef ui={ui} run={run} staff={ui.actor?.role !== 'requester'} />;

const kindLabel = (ui: Ui, kind: string | null) => (kind === 'tenant' ? ui.i18n.t('obtained.kind.tenant') : kind === 'edge' ? ui.i18n.t('obtained.kind.edge') : ui.i18n.t('obtained.kind.other'));

export const RequestObtained: FC<{ ui: Ui; obtained: Obtained }> = ({ ui, obtained }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  if (obtained.status !== 'built') {
    return (
      <section class="panel" aria-labelledby="obtained-title" data-obtained={obtained.status}>
        <h2 id="obtained-title">{t('obtained.title')}</h2>
        {obtained.status === 'not-yet' ? <p>{t('obtained.notYet')}</p> : null}
        {obtained.status === 'declared' ? <p>{t('obtained.declared')}</p> : null}
        {obtained.status === 'gone' ? <p>{t('obtained.gone')}</p> : null}
        {obtained.status === 'destroyed' ? (
          <p>
            {t('obtained.destroyed')}
            {obtained.destroyedBy ? (
              <>
                {' '}
                {t('obtained.destroyedBy')} <RunLink ui={ui} run={obtained.destroyedBy} />
              </>
            ) : null}
          </p>
        ) : null}
      </section>
    );
  }
  const o = obtained;
  return (
    <section aria-labelledby="obtained-title" data-obtained="built">
      <h2 id="obtained-title">{t('obtained.title')}</h2>
      <p>
        {t('obtained.builtBy')} <RunLink ui={ui} run={o.builtBy} /> ({i.dateTime(o.builtBy.finishedAt)})
      </p>
      {o.readFrom.id !== o.builtBy.id ? <p class="hint">{t('obtained.readFrom', { run: o.readFrom.id.slice(0, 8), at: i.dateTime(o.readFrom.finishedAt) })}</p> : null}
      {!o.configurationKept ? (
        <>
          <p class="callout warning">{t('obtained.notKept')}</p>
          <h3>{t('obtained.resources')}</h3>
          <ul>
            {o.resources.map((r) => (
              <li>
                <code>{r}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h3>{t('obtained.addresses')}</h3>
          {o.addresses.length > 0 ? (
            <ScrollTable label={t('obtained.addresses')}>
              <table class="data compact">
                <caption class="visually-hidden">{t('obtained.addresses')}</caption>
                <ColumnHeads ui={ui} columns={['obtained.col.address', 'obtained.col.service', 'obtained.col.port']} />
                <tbody>
                  {o.addresses.map((a) => (
                    <tr>
                      <td class="break">
                        <code>{a.url}</code>
                      </td>
                      <td>
                        <code>{a.service}</code>
                      </td>
                      <td class="num">{a.port}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          ) : (
            <p class="hint">{o.exposedPending ? t('obtained.ingressPending') : t('obtained.noAddress')}</p>
          )}
          <h3>{t('obtained.networks')}</h3>
          <ScrollTable label={t('obtained.networks')}>
            <table class="data compact">
              <caption class="visually-hidden">{t('obtained.networks')}</caption>
              <ColumnHeads ui={ui} columns={['obtained.col.network', 'obtained.col.kind', 'obtained.col.internal']} />
              <tbody>
                {o.networks.map((n) => (
                  <tr>
                    <td class="break">
                      <code>{n.name}</code>
                    </td>
                    <td>{kindLabel(ui, n.kind)}</td>
                    <td>{n.internal ? t('obtained.yes') : t('obtained.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <h3>{t('obtained.volumes')}</h3>
          {o.volumes.length > 0 ? (
            <ScrollTable label={t('obtained.volumes')}>
              <table class="data compact">
                <caption class="visually-hidden">{t('obtained.volumes')}</caption>
                <ColumnHeads ui={ui} columns={['obtained.col.volume', 'obtained.col.host', 'obtained.col.policy', 'obtained.col.lastBackup']} />
                <tbody>
                  {o.volumes.map((v) => (
                    <tr>
                      <td class="break">
                        <code>{v.name}</code>
                      </td>
                      <td>{v.host ? <code>{v.host}</code> : '—'}</td>
                      <td>{v.backupPolicy ? (v.retentionDays !== null && v.backupPolicy !== 'none' ? t('obtained.policyValue', { policy: backupLabel(ui, v.backupPolicy), days: v.retentionDays }) : backupLabel(ui, v.backupPolicy)) : '—'}</td>
                      <td>{v.lastBackupAt ? i.dateTime(v.lastBackupAt) : t('obtained.noBackupRecorded')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          ) : (
            <p class="hint">{t('obtained.noVolume')}</p>
          )}
          <h3>{t('obtained.placement')}</h3>
          <ScrollTable label={t('obtained.placement')}>
            <table class="data compact">
              <caption class="visually-hidden">{t('obtained.placement')}</caption>
              <ColumnHeads ui={ui} columns={['obtained.col.container', 'obtained.col.host', 'obtained.col.rack', 'obtained.col.room']} />
              <tbody>
                {o.placement.map((p) => (
                  <tr>
                    <td class="break">
                      <code>{p.container}</code>
                    </td>
                    <td>
                      <code>{p.host}</code>
                    </td>
                    <td>{p.rack ?? '—'}</td>
                    <td>{p.room ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
};
