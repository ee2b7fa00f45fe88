import type { FC } from 'hono/jsx';
import { ErrorSummary, TextField } from './components.js';
import { Layout } from './layout.js';
import type { FormState, Ui } from './ui.js';

export const LoginPage: FC<{ ui: Ui; form: FormState; token: string; retour: string }> = ({ ui, form, token, retour }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('login.title')}>
      <div class="narrow">
        <p class="lead">{t('login.lead')}</p>
        <ErrorSummary ui={ui} form={form} labels={{ email: t('login.email'), password: t('login.password') }} />
        <form method="post" action="/connexion" novalidate class="panel">
          <input type="hidden" name="_csrf" value={token} />
          <input type="hidden" name="retour" value={retour} />
          <TextField form={form} name="email" type="email" label={t('login.email')} autocomplete="username" required spellcheck={false} />
          <TextField form={form} name="password" type="password" label={t('login.password')} autocomplete="current-password" required />
          <button type="submit" class="button">
            {t('login.submit')}
          </button>
        </form>
        <p class="hint">{t('login.help')}</p>
      </div>
    </Layout>
  );
};
