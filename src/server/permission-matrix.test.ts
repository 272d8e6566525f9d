import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../common/enums.ts';
import { createTestApp, json, type TestApp } from '../../test/support/app.ts';
import { buildCitizen, buildDepartment, buildEnterprise, buildStaff, buildWindow, loginCookie } from '../../test/support/factories.ts';

/**
 * The permission matrix: for every route, who may call it. Written out by hand (not derived from the
 * policies) so that an accidental change of a policy fails here. 'public' = anyone; 'any' = any
 * logged-in account; 'signed' = no account at all, only a department system's signature (every
 * principal here, unsigned, gets 401); otherwise the roles that may call it.
 */
const MATRIX: Record<string, 'public' | 'any' | 'signed' | Role[]> = {
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/sms/code': 'public',
  'POST /api/v1/auth/sms/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'any',
  'GET /api/v1/auth/acting-options': ['applicant'],
  'POST /api/v1/auth/act-as': ['applicant'],
  'DELETE /api/v1/auth/act-as': ['applicant'],
  'GET /api/v1/agent-authorizations': ['applicant'],
  'POST /api/v1/agent-authorizations': ['applicant'],
  'POST /api/v1/agent-authorizations/:id/revoke': ['applicant'],
  'GET /api/v1/accounts': ['system_admin'],
  'GET /api/v1/accounts/:id': 'any',
  'PATCH /api/v1/accounts/:id': 'any',
  'POST /api/v1/accounts/:id/phone/code': 'any',
  'POST /api/v1/accounts/:id/phone': 'any',
  'POST /api/v1/accounts/:id/email/code': 'any',
  'POST /api/v1/accounts/:id/email': 'any',
  'POST /api/v1/accounts/:id/password': 'any',
  'POST /api/v1/accounts/:id/deregister': 'any',
  'POST /api/v1/real-name/lookup': ['window_clerk'],
  'POST /api/v1/real-name/verifications': ['window_clerk'],
  'GET /api/v1/real-name/mine': 'any',
  'POST /api/v1/real-name/sms/code': ['applicant'],
  'POST /api/v1/real-name/sms': ['applicant'],
  'POST /api/v1/passkeys/registration/options': 'any',
  'POST /api/v1/passkeys/registration/verify': 'any',
  'GET /api/v1/passkeys': 'any',
  'PATCH /api/v1/passkeys/:id': 'any',
  'DELETE /api/v1/passkeys/:id': 'any',
  'POST /api/v1/auth/passkey/options': 'public',
  'POST /api/v1/auth/passkey/verify': 'public',
  'GET /api/v1/me/data-usage': 'any',
  'GET /api/v1/me/sessions': 'any',
  'POST /api/v1/me/sessions/:id/end': 'any',
  'GET /api/v1/sso/clients': ['system_admin'],
  'POST /api/v1/sso/clients': ['system_admin'],
  'GET /api/v1/sso/clients/:clientId': ['system_admin'],
  'PATCH /api/v1/sso/clients/:clientId': ['system_admin'],
  'POST /api/v1/sso/clients/:clientId/secret': ['system_admin'],
  'GET /api/v1/sso/interactions/:uid': 'public',
  'POST /api/v1/sso/interactions/:uid/confirm': 'any',
  'POST /api/v1/sso/interactions/:uid/abort': 'public',
  'GET /api/v1/sso/grants/mine': 'any',
  'DELETE /api/v1/sso/grants/mine/:grantId': 'any',
  'GET /api/v1/org/regions': 'public',
  'GET /api/v1/org/regions/:code': 'public',
  'POST /api/v1/org/regions': ['system_admin'],
  'PATCH /api/v1/org/regions/:code': ['system_admin'],
  'GET /api/v1/org/departments': 'public',
  'GET /api/v1/org/departments/:id': 'public',
  'POST /api/v1/org/departments': ['system_admin'],
  'PATCH /api/v1/org/departments/:id': ['system_admin'],
  'GET /api/v1/org/windows': 'public',
  'POST /api/v1/org/windows': ['system_admin'],
  'PATCH /api/v1/org/windows/:id': ['system_admin'],
  'GET /api/v1/org/staff': ['system_admin', 'supervisor', 'window_clerk', 'approver'],
  'GET /api/v1/org/staff/:id': ['system_admin', 'supervisor', 'window_clerk', 'approver'],
  'POST /api/v1/org/staff': ['system_admin'],
  'PATCH /api/v1/org/staff/:id': ['system_admin'],
  'POST /api/v1/org/staff/:id/unlock': ['system_admin'],
  'GET /api/v1/org/stats': ['supervisor', 'system_admin'],
  'GET /api/v1/catalog/items': 'public',
  'GET /api/v1/catalog/implementations/:id': 'public',
  'GET /api/v1/catalog/implementations/:id/versions': 'public',
  'GET /api/v1/catalog/versions/:id': 'public',
  'GET /api/v1/catalog/versions/:id/diff': 'public',
  'GET /api/v1/catalog/base-items/:basicCode/implementations': 'public',
  'POST /api/v1/catalog/implementations': ['catalog_admin'],
  'POST /api/v1/catalog/implementations/:id/operations': ['catalog_admin'],
  'PATCH /api/v1/catalog/versions/:id': ['catalog_admin'],
  'POST /api/v1/catalog/versions/:id/submit': ['catalog_admin'],
  'POST /api/v1/catalog/versions/:id/review': ['catalog_admin'],
  'DELETE /api/v1/catalog/versions/:id': ['catalog_admin'],
  'GET /api/v1/catalog/drafts': ['catalog_admin'],
  'GET /api/v1/catalog/review-queue': ['catalog_admin'],
  'GET /api/v1/catalog/compare/:basicCode': ['catalog_admin', 'supervisor'],
  'GET /api/v1/catalog/export.xlsx': ['catalog_admin'],
  'POST /api/v1/catalog/imports': ['catalog_admin'],
  'GET /api/v1/catalog/imports/:id': ['catalog_admin'],
  'POST /api/v1/cases': ['applicant', 'window_clerk'],
  'GET /api/v1/cases': ['window_clerk', 'approver', 'supervisor'],
  'GET /api/v1/supervision/settings': ['supervisor', 'system_admin'],
  'PATCH /api/v1/supervision/settings': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/orders': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/order-cases': ['supervisor', 'system_admin'],
  'POST /api/v1/supervision/orders': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/orders/:id': ['supervisor', 'system_admin'],
  'POST /api/v1/supervision/orders/:id/accept': ['supervisor', 'system_admin'],
  'POST /api/v1/supervision/orders/:id/return': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/my-orders': ['window_clerk', 'approver'],
  'GET /api/v1/supervision/my-orders/:id': ['window_clerk', 'approver'],
  'POST /api/v1/supervision/my-orders/:id/reply': ['window_clerk', 'approver'],
  'POST /api/v1/supervision/ratings': ['applicant'],
  'POST /api/v1/supervision/ratings/hall': ['window_clerk'],
  'GET /api/v1/supervision/ratings/mine/:caseId': ['applicant'],
  'GET /api/v1/supervision/ratings/case/:caseId': ['window_clerk', 'approver'],
  'GET /api/v1/supervision/ratings/public': 'public',
  'GET /api/v1/supervision/tickets': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/tickets/department': ['window_clerk', 'approver'],
  'GET /api/v1/supervision/tickets/:id': ['window_clerk', 'approver', 'supervisor', 'system_admin'],
  'POST /api/v1/supervision/tickets/:id/verify': ['window_clerk', 'approver'],
  'POST /api/v1/supervision/tickets/:id/rectify': ['window_clerk', 'approver'],
  'POST /api/v1/supervision/tickets/:id/reply': ['window_clerk', 'approver'],
  'POST /api/v1/supervision/tickets/:id/review': ['supervisor', 'system_admin'],
  'POST /api/v1/complaints': ['applicant'],
  'GET /api/v1/complaints': ['applicant'],
  'GET /api/v1/complaints/:id': ['applicant'],
  'POST /api/v1/complaints/:id/rating': ['applicant'],
  'POST /api/v1/complaints/:id/reopen': ['applicant'],
  'GET /api/v1/supervision/complaints': ['window_clerk', 'approver', 'supervisor', 'system_admin'],
  'GET /api/v1/supervision/complaints/:id': ['window_clerk', 'approver', 'supervisor', 'system_admin'],
  'POST /api/v1/supervision/complaints/:id/take': ['window_clerk', 'approver', 'supervisor', 'system_admin'],
  'POST /api/v1/supervision/complaints/:id/answer': ['window_clerk', 'approver', 'supervisor', 'system_admin'],
  'GET /api/v1/supervision/points': ['supervisor', 'system_admin'],
  'PATCH /api/v1/supervision/points/:code': ['supervisor', 'system_admin'],
  'POST /api/v1/supervision/scan': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/warnings': ['supervisor', 'system_admin'],
  'POST /api/v1/supervision/warnings/:id/resolve': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/warnings/matrix': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/warnings/matrix.xlsx': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/my-warnings': ['window_clerk', 'approver'],
  'GET /api/v1/supervision/overview': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/kpis': ['supervisor', 'system_admin'],
  'GET /api/v1/supervision/kpis.xlsx': ['supervisor', 'system_admin'],
  'GET /api/v1/cases/mine': ['applicant'],
  'GET /api/v1/cases/:id': 'any',
  'GET /api/v1/cases/:id/timeline': 'any',
  'PATCH /api/v1/cases/:id': ['applicant', 'window_clerk'],
  'POST /api/v1/cases/:id/submit': ['applicant', 'window_clerk'],
  'POST /api/v1/cases/:id/withdraw': ['applicant', 'window_clerk'],
  'POST /api/v1/cases/:id/accept': ['window_clerk'],
  'POST /api/v1/cases/:id/accept-with-deficiency': ['window_clerk'],
  'POST /api/v1/cases/:id/not-accept': ['window_clerk'],
  'POST /api/v1/cases/:id/supplement-request': ['window_clerk'],
  'POST /api/v1/cases/:id/supplement': ['applicant', 'window_clerk'],
  'POST /api/v1/cases/:id/promised-materials': ['applicant', 'window_clerk'],
  'POST /api/v1/cases/:id/tasks/:taskId/claim': ['window_clerk', 'approver'],
  'POST /api/v1/cases/:id/tasks/:taskId/approve': ['window_clerk', 'approver'],
  'POST /api/v1/cases/:id/tasks/:taskId/deny': ['window_clerk', 'approver'],
  'POST /api/v1/cases/:id/tasks/:taskId/return': ['window_clerk', 'approver'],
  'POST /api/v1/cases/:id/tasks/:taskId/delegate': ['window_clerk', 'approver'],
  'POST /api/v1/cases/:id/special-procedure/start': ['approver'],
  'POST /api/v1/cases/:id/special-procedure/end': ['approver'],
  'POST /api/v1/cases/:id/deliver': ['window_clerk'],
  'GET /api/v1/cases/process-definitions/:versionId/bpmn': 'public',
  'GET /api/v1/calendar/years': 'any',
  'GET /api/v1/calendar/deadline': 'any',
  'GET /api/v1/calendar/:year': 'any',
  'PUT /api/v1/calendar/:year': ['system_admin'],
  'GET /api/v1/catalog/statistics': ['catalog_admin', 'supervisor'],
  'GET /api/v1/catalog/life-events': 'public',
  'GET /api/v1/catalog/life-events/:code': 'public',
  'GET /api/v1/catalog/admin/life-events': ['catalog_admin'],
  'POST /api/v1/catalog/life-events': ['catalog_admin'],
  'PATCH /api/v1/catalog/life-events/:code': ['catalog_admin'],
  'POST /api/v1/catalog/life-events/:code/publish': ['catalog_admin'],
  'POST /api/v1/catalog/life-events/:code/unpublish': ['catalog_admin'],
  'POST /api/v1/files': 'any',
  'GET /api/v1/files/:id': 'any',
  'GET /api/v1/notifications': 'any',
  'POST /api/v1/notifications/:id/read': 'any',
  'POST /api/v1/notifications/read-all': 'any',
  'GET /api/v1/outbox': ['system_admin'],
  'GET /api/v1/department-systems': ['system_admin'],
  'POST /api/v1/department-systems': ['system_admin'],
  'PATCH /api/v1/department-systems/:id': ['system_admin'],
  'POST /api/v1/department-systems/:id/rotate-secret': ['system_admin'],
  'GET /api/v1/department-systems/:id/deliveries': ['system_admin'],
  'POST /api/v1/department-systems/deliveries/:id/retry': ['system_admin'],
  'POST /api/v1/department-systems/cases/:id/progress': 'signed',
  'POST /api/v1/department-systems/cases/:id/result': 'signed',
  'GET /api/v1/licenses/verify/:identifier': 'public',
  'POST /api/v1/licenses/verify/document': 'public',
  'GET /api/v1/licenses/log/head': 'public',
  'GET /api/v1/licenses/log/consistency': 'public',
  'GET /api/v1/licenses/trust-list': 'public',
  'GET /api/v1/license-types': 'public',
  'GET /api/v1/license-types/:code': 'public',
  'POST /api/v1/license-types': ['data_admin', 'system_admin'],
  'PATCH /api/v1/license-types/:code': ['data_admin', 'system_admin'],
  'POST /api/v1/licenses/keys/rotate': ['data_admin', 'system_admin'],
  'POST /api/v1/licenses/keys/trusted': ['data_admin', 'system_admin'],
  'GET /api/v1/licenses/mine': ['applicant'],
  'GET /api/v1/licenses/mine/usable': ['applicant'],
  'GET /api/v1/licenses/mine/:id': ['applicant'],
  'GET /api/v1/licenses/mine/materials': ['applicant'],
  'POST /api/v1/licenses/mine/materials/:id/withdraw': ['applicant'],
  'POST /api/v1/licenses/trusted-materials': ['window_clerk', 'approver'],
  'GET /api/v1/licenses/:id/document/:kind': 'any',
  'GET /api/v1/licenses': ['approver', 'data_admin', 'system_admin', 'supervisor'],
  'GET /api/v1/licenses/:id': ['approver', 'data_admin', 'system_admin', 'supervisor'],
  'POST /api/v1/licenses/import': ['approver', 'data_admin', 'system_admin'],
  'POST /api/v1/licenses/:id/suspend': ['approver', 'data_admin', 'system_admin'],
  'POST /api/v1/licenses/:id/resume': ['approver', 'data_admin', 'system_admin'],
  'POST /api/v1/licenses/:id/revoke': ['approver', 'data_admin', 'system_admin'],
  'POST /api/v1/licenses/:id/change': ['approver', 'data_admin', 'system_admin'],
  'POST /api/v1/licenses/:id/renew': ['approver', 'data_admin', 'system_admin'],
  'POST /api/v1/licenses/query': ['window_clerk', 'approver'],
  'GET /api/v1/licenses/case/:caseId': 'any',
  'GET /api/v1/licenses/case/:caseId/issued': 'any',
};

type Principal = { name: string; role: Role | 'anonymous'; cookie: string | null; accountId: string | null };

let t: TestApp;
const principals: Principal[] = [];
let jyDept = '';
let jyWindow = '';
let jyColleague = '';
let ypStaff = '';
let ypDept = '';
let otherCitizen = '';
let clerkLogin = '';
let citizenLogin = '';

beforeAll(async () => {
  t = await createTestApp();
  // Every staff principal works in 建阳区 (350703) in one department; the targets below are in that scope.
  const dept = await buildDepartment(t.ctx, { regionCode: '350703000000' });
  jyDept = dept.id;
  jyWindow = (await buildWindow(t.ctx, { regionCode: '350703000000', departmentId: jyDept })).id;
  jyColleague = (await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: '350703000000', departmentId: jyDept })).id;
  const yp = await buildStaff(t.ctx, { roles: ['window_clerk'], regionCode: '350702000000' });
  ypStaff = yp.id;
  ypDept = yp.departmentId ?? '';
  otherCitizen = (await buildCitizen(t.ctx)).id;
  principals.push({ name: 'anonymous', role: 'anonymous', cookie: null, accountId: null });
  const citizen = await buildCitizen(t.ctx);
  citizenLogin = citizen.login;
  principals.push({ name: 'citizen', role: 'applicant', cookie: await loginCookie(t.app, citizen.login), accountId: citizen.id });
  const ent = await buildEnterprise(t.ctx);
  principals.push({ name: 'enterprise', role: 'applicant', cookie: await loginCookie(t.app, ent.login), accountId: ent.id });
  for (const role of ['window_clerk', 'approver', 'catalog_admin', 'data_admin', 'supervisor', 'system_admin'] as const) {
    const s = await buildStaff(t.ctx, { roles: [role], regionCode: '350703000000', departmentId: jyDept });
    const cookie = await loginCookie(t.app, s.login);
    if (role === 'window_clerk') clerkLogin = s.login;
    principals.push({ name: role, role, cookie, accountId: s.id });
  }
});
afterAll(async () => {
  await t.close();
});

function urlFor(template: string, p: Principal): string {
  return template
    .replace(':code', '350703000000')
    .replace(':year', '2027')
    .replace(':basicCode', '000120008000')
    .replace(':taskId', jyColleague)
    .replace(':versionId', jyColleague)
    .replace(':id', () => {
      if (template.startsWith('/api/v1/accounts')) return p.accountId ?? otherCitizen;
      if (template.includes('/departments/')) return jyDept;
      if (template.includes('/windows/')) return jyWindow;
      return jyColleague;
    });
}

describe('permission matrix: every route × every role', () => {
  it('lists every registered route (a new route must be added to the matrix)', () => {
    const registered = t.app.routeRegistry.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
  });

  it('lets exactly the allowed roles through the guard', async () => {
    const failures: string[] = [];
    // Logout ends the caller's session: run it last.
    const routes = [...t.app.routeRegistry].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    for (const r of routes) {
      const rule = MATRIX[`${r.method} ${r.url}`];
      for (const p of principals) {
        const res = await t.app.inject({
          method: r.method,
          url: urlFor(r.url, p),
          headers: p.cookie ? { cookie: p.cookie } : {},
          // An empty body: allowed callers get past the guard and fail validation (400) without changing anything.
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        const code = res.statusCode >= 400 ? json<{ error: { code: string } }>(res).error.code : 'OK';
        const denied = res.statusCode === 401 || code === 'FORBIDDEN';
        if (rule === 'signed') {
          if (res.statusCode !== 401) failures.push(`${p.name} should get 401 (unsigned) on ${r.method} ${r.url} but got ${res.statusCode} ${code}`);
          continue;
        }
        const allowed = rule === 'public' || (rule === 'any' ? p.role !== 'anonymous' : p.role !== 'anonymous' && (rule ?? []).includes(p.role));
        if (allowed && denied) failures.push(`${p.name} should pass ${r.method} ${r.url} but got ${res.statusCode} ${code}`);
        if (!allowed) {
          const expected = p.role === 'anonymous' ? 401 : 403;
          if (res.statusCode !== expected) failures.push(`${p.name} should get ${expected} on ${r.method} ${r.url} but got ${res.statusCode} ${code}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('data scope', () => {
  // Fresh sessions: the matrix above logged its principals out.
  it('gives a 建阳区 window clerk 403 on 延平区 resources and 200 on 建阳区 ones', async () => {
    const h = { cookie: await loginCookie(t.app, clerkLogin) };
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/org/staff/${ypStaff}`, headers: h });
    expect(other.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(other).error.code).toBe('OUT_OF_SCOPE');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/org/staff?regionCode=350702000000', headers: h })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/org/staff?regionCode=350702000000&departmentId=${ypDept}`, headers: h })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/org/staff/${jyColleague}`, headers: h })).statusCode).toBe(200);
  });

  it('does not let a citizen read another citizen’s account', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${otherCitizen}`, headers: { cookie: await loginCookie(t.app, citizenLogin) } });
    expect(res.statusCode).toBe(403);
  });
});
