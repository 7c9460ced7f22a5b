// A real OpenID Connect provider for the single sign-on tests: node-oidc-provider (certified by
// the OpenID Foundation) with one static client, a few accounts and its own sign-in page.
//
// Started by tests/schools/oidc.py with its settings as JSON in OIDC_TEST_CONFIG:
//   { "client_id", "client_secret", "redirect_uris": [...],
//     "accounts": [{ "id", "email", "email_verified", "password", "name" }] }
// It listens on a free port of 127.0.0.1 and prints "issuer <url>" once it answers.

import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG);
const accounts = new Map(config.accounts.map((account) => [account.id, account]));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function signInForm(uid, loginHint, error) {
  return page('Test identity provider', `
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" value="${escape(loginHint || '')}" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required>
  <button type="submit">Sign in to the provider</button>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const server = createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: config.redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // As Google does: the ID token itself carries the e-mail claims the scope asked for.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id, email: account.email, email_verified: account.email_verified, name: account.name,
        };
      },
    };
  },
  // The only client is the app under test: consent is given once signed in (first party).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name']);
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  ttl: { Session: 600, Interaction: 600, Grant: 600 },
});

// The provider's own sign-in page: an e-mail and a password, checked against the accounts.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'html';
  if (ctx.method === 'GET') {
    ctx.body = signInForm(details.uid, details.params.login_hint);
    return undefined;
  }
  const form = await readForm(ctx.req);
  const account = [...accounts.values()].find((a) => a.email === form.get('email'));
  if (!account || account.password !== form.get('password')) {
    ctx.status = 400;
    ctx.body = signInForm(details.uid, form.get('email'), 'Wrong e-mail or password.');
    return undefined;
  }
  const redirectTo = await provider.interactionResult(ctx.req, ctx.res, {
    login: { accountId: account.id },
  }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(redirectTo);
  return undefined;
});

server.on('request', provider.callback());
process.stdout.write(`issuer ${issuer}\n`);
