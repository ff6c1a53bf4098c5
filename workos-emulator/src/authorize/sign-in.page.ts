import type { Directory } from '../seed/directory.js';
import type { SeedUser } from '../seed/seed.types.js';
import type { AuthorizeRequest } from './authorize-request.store.js';
import { escapeHtml } from './html-escape.js';
import { layout } from './page.layout.js';

/** Path the sign-in forms post to. */
export const SIGN_IN_PATH = '/user_management/authorize/sign-in';

function hiddenFields(request: AuthorizeRequest, intent: string): string {
  return [
    `<input type="hidden" name="request_id" value="${escapeHtml(request.id)}">`,
    `<input type="hidden" name="csrf_token" value="${escapeHtml(request.csrfToken)}">`,
    `<input type="hidden" name="intent" value="${escapeHtml(intent)}">`,
  ].join('');
}

function displayName(user: SeedUser): string {
  const name = [user.firstName, user.lastName].filter((p) => p !== null && p !== '').join(' ');
  return name === '' ? user.email : name;
}

/** "admin at Example Corp, member at Globex". */
function rolesText(directory: Directory, user: SeedUser): string {
  const memberships = directory.activeMemberships(user.id);
  if (memberships.length === 0) return 'no organization';
  return memberships
    .map(
      (m) =>
        `${m.roleSlug} at ${directory.organization(m.organizationId)?.name ?? m.organizationId}`,
    )
    .join(', ');
}

function banner(kind: 'error' | 'note', text: string | undefined): string {
  return text === undefined
    ? ''
    : `<p class="banner ${kind}" role="${kind === 'error' ? 'alert' : 'note'}">${escapeHtml(text)}</p>`;
}

function cancelForm(request: AuthorizeRequest): string {
  return `<form method="post" action="${SIGN_IN_PATH}">${hiddenFields(request, 'cancel')}
<button type="submit" class="link">Cancel</button></form>`;
}

/** "Ada Admin (ada@example.com), admin at Example Corp" for each user and organization it may impersonate. */
function impersonationTargets(directory: Directory, request: AuthorizeRequest): string {
  const requested = request.params.organizationId;
  return directory.seed.users
    .flatMap((user) => {
      const who = `${displayName(user)} (${user.email})`;
      const memberships = directory
        .activeMemberships(user.id)
        .filter((m) => requested === null || m.organizationId === requested);
      if (memberships.length === 0) return requested === null ? [[`${user.id}|`, who]] : [];
      return memberships.map((m) => [
        `${user.id}|${m.organizationId}`,
        `${who}, ${m.roleSlug} at ${directory.organization(m.organizationId)?.name ?? m.organizationId}`,
      ]);
    })
    .map(
      ([value = '', label = '']) =>
        `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`,
    )
    .join('\n');
}

/** The "Impersonate a user" form, when the seed has impersonators. */
function impersonationForm(directory: Directory, request: AuthorizeRequest): string {
  const impersonators = directory.seed.impersonators ?? [];
  if (impersonators.length === 0) return '';
  const people = impersonators
    .map(
      (i) =>
        `<option value="${escapeHtml(i.email)}">${escapeHtml(`${i.name} (${i.email})`)}</option>`,
    )
    .join('\n');
  return `
<div class="divider">or, as support staff</div>
<h2>Impersonate a user</h2>
<form method="post" action="${SIGN_IN_PATH}" aria-label="Impersonate a user">${hiddenFields(request, 'impersonate')}
<label for="impersonator">Support user</label>
<select id="impersonator" name="impersonator">${people}</select>
<label for="impersonate_target">User to impersonate</label>
<select id="impersonate_target" name="target">${impersonationTargets(directory, request)}</select>
<label for="reason">Reason</label>
<input id="reason" name="reason" type="text" required maxlength="500" placeholder="Support ticket or why you need access">
<div class="actions"><button type="submit">Impersonate</button></div>
</form>`;
}

/** Options for the first page. */
export interface SignInPageOptions {
  error?: string;
  email?: string;
}

/** The sign-in page: seeded users for one-click sign-in, an email + password form, and Cancel. */
export function renderSignInPage(
  directory: Directory,
  request: AuthorizeRequest,
  options: SignInPageOptions = {},
): string {
  const client = directory.client(request.params.clientId);
  const appName = client?.name ?? request.params.clientId;
  const signUp = request.params.screenHint === 'sign-up';
  const hint = request.params.loginHint?.toLowerCase();
  const requestedOrg =
    request.params.organizationId === null
      ? undefined
      : directory.organization(request.params.organizationId);
  const email = options.email ?? request.params.loginHint ?? '';

  const users = directory.seed.users
    .map((user) => {
      const cls = hint === user.email ? ' class="hint"' : '';
      const label = `Sign in as ${displayName(user)}, ${rolesText(directory, user)}`;
      return `<button type="submit" name="sign_in_as" value="${escapeHtml(user.email)}"${cls}>${escapeHtml(label)}</button>`;
    })
    .join('\n');

  const body = `
<h1>${signUp ? 'Create an account' : 'Sign in'}</h1>
<p class="sub">to continue to ${escapeHtml(appName)}${requestedOrg === undefined ? '' : ` (${escapeHtml(requestedOrg.name)})`}</p>
${banner('error', options.error)}
${signUp ? banner('note', 'The emulator cannot create accounts: sign in with one of the seeded users below.') : ''}
<form method="post" action="${SIGN_IN_PATH}" class="users" aria-label="Seeded users">${hiddenFields(request, 'one_click')}
${users}
</form>
<div class="divider">or use email and password</div>
<form method="post" action="${SIGN_IN_PATH}" aria-label="Email and password">${hiddenFields(request, 'password')}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions"><button type="submit" class="primary">Continue</button></div>
</form>${impersonationForm(directory, request)}
<div class="actions">${cancelForm(request)}</div>`;
  return layout(signUp ? 'Create an account' : 'Sign in', body);
}

/** The organization choice, shown when the user belongs to several organizations and none was requested. */
export function renderOrganizationChoice(
  directory: Directory,
  request: AuthorizeRequest,
  user: SeedUser,
  error?: string,
): string {
  const buttons = directory
    .activeMemberships(user.id)
    .map((m) => {
      const org = directory.organization(m.organizationId);
      const label = `${org?.name ?? m.organizationId} (${m.roleSlug})`;
      return `<button type="submit" name="organization_id" value="${escapeHtml(m.organizationId)}">${escapeHtml(label)}</button>`;
    })
    .join('\n');
  const body = `
<h1>Choose an organization</h1>
<p class="sub">${escapeHtml(displayName(user))} (${escapeHtml(user.email)}) belongs to several organizations.</p>
${banner('error', error)}
<form method="post" action="${SIGN_IN_PATH}" class="users" aria-label="Organizations">${hiddenFields(request, 'choose_organization')}
${buttons}
</form>
<div class="actions">${cancelForm(request)}</div>`;
  return layout('Choose an organization', body);
}
