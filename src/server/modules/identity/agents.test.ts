import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { createTestApp, json, type TestApp } from '../../../../test/support/app.ts';
import { buildGuide } from '../../../../test/support/catalog-factories.ts';
import { publishImplementation, SHOP_FORM, uploadFile, type PublishedVersion } from '../../../../test/support/case-factories.ts';
import { buildCitizen, buildDepartment, buildEnterprise, buildIdNumber, buildStaff, loginCookie } from '../../../../test/support/factories.ts';

type ErrorJson = { error: { code: string; message: string; details?: unknown } };
type Me = {
  account: { id: string; kind: string; displayName: string };
  acting?: { enterpriseId: string; enterpriseName: string; relation: string; person: { accountId: string; displayName: string }; itemCodes: string[] | null } | null;
  actingNotice?: string | null;
};
type Grant = { id: string; status: string; usableNow: boolean; agent: { name: string; idNumberMasked: string }; items: { code: string; name: string | null }[]; grantedByName: string; revokeReason: string | null };

const JY = '350703000000';
let t: TestApp;
let itemA: PublishedVersion & { basicCode: string; name: string };
let itemB: PublishedVersion & { basicCode: string; name: string };

const SIMPLE_MATERIALS = [{ key: 'application', name: '申请书', form: 'original', medium: 'either', required: 'required', source: { kind: 'applicant' } }] as const;

beforeAll(async () => {
  t = await createTestApp();
  const scjg = (await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区市场监督管理局', shortName: '市场监管局' })).id;
  await buildDepartment(t.ctx, { regionCode: JY, name: '建阳区卫生健康局', shortName: '卫健局' });
  const sgb = (await buildDepartment(t.ctx, { regionCode: '350700000000', name: '南平市审改办' })).id;
  const admins = {
    editor: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
    reviewer: await loginCookie(t.app, (await buildStaff(t.ctx, { roles: ['catalog_admin'], regionCode: '350700000000', departmentId: sgb })).login),
  };
  const publish = async (name: string) => {
    const v = await publishImplementation(t.app, admins, scjg, buildGuide({ name, form: SHOP_FORM, materials: [...SIMPLE_MATERIALS], result: { type: 'certificate', name: '准予许可决定书' } }));
    const full = json<{ basicCode: string }>(await t.app.inject(`/api/v1/catalog/versions/${v.id}`));
    return { ...v, basicCode: full.basicCode, name };
  };
  itemA = await publish('食品经营许可（新办）');
  itemB = await publish('公共场所卫生许可（新办）');
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  t.clock.set(null);
});

/** An enterprise whose legal representative is a citizen with an account, and a second citizen to be its agent. */
async function company(name = '南平测试餐饮有限公司') {
  const rep = await buildCitizen(t.ctx, { name: '林法人' });
  const ent = await buildEnterprise(t.ctx, { name, legalRepName: '林法人', legalRepIdNumber: rep.idNumber });
  const agentId = buildIdNumber();
  const agent = await buildCitizen(t.ctx, { name: '王经办', idNumber: agentId });
  return { rep, ent, agent, agentIdNumber: agentId };
}

function me(cookie: string) {
  return t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
}

function actAs(cookie: string, enterpriseId: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/act-as', headers: { cookie }, payload: { enterpriseId } });
}

function addAgent(cookie: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/agent-authorizations', headers: { cookie }, payload: body });
}

function day(offsetDays: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function apply(cookie: string, implementationId: string, submit = false) {
  const fileId = await uploadFile(t.app, cookie, '申请书.pdf');
  return t.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: { cookie, 'idempotency-key': `agent-${randomUUID()}` },
    payload: { implementationId, formData: { shopName: '闽北小吃店' }, materials: { application: { via: 'upload', fileIds: [fileId] } }, submit },
  });
}

async function grantAgent(entCookie: string, c: Awaited<ReturnType<typeof company>>, o: Record<string, unknown> = {}): Promise<Grant> {
  const res = await addAgent(entCookie, { name: '王经办', idNumber: c.agentIdNumber, scope: 'all', validUntil: day(30), ...o });
  expect(res.statusCode, res.body).toBe(201);
  return json<Grant>(res);
}

describe('acting for an enterprise (法定代表人 / 经办人)', () => {
  it('lets the legal representative act without any grant, and back; the audit log names both', async () => {
    const c = await company();
    const cookie = await loginCookie(t.app, c.rep.login);
    const options = json<{ items: { enterpriseId: string; relation: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/auth/acting-options', headers: { cookie } }));
    expect(options.items).toEqual([expect.objectContaining({ enterpriseId: c.ent.id, relation: 'legal_rep' })]);

    const switched = await actAs(cookie, c.ent.id);
    expect(switched.statusCode, switched.body).toBe(200);
    const m = json<Me>(await me(cookie));
    expect(m.account).toMatchObject({ id: c.ent.id, kind: 'enterprise' });
    expect(m.acting).toMatchObject({ enterpriseId: c.ent.id, relation: 'legal_rep', person: { accountId: c.rep.id, displayName: '林法人' }, itemCodes: null });

    // Existing enterprise features work as the enterprise: the case is the enterprise's.
    const created = await apply(cookie, itemA.implementationId);
    expect(created.statusCode, created.body).toBe(201);
    const mine = json<{ items: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/cases/mine', headers: { cookie } }));
    expect(mine.items.map((x) => x.id)).toContain(json<{ id: string }>(created).id);

    const audit = await rows<{ actor: string; actor_account_id: string; subject_account_id: string | null; action: string; after: { relation?: string; method?: string } }>(t.database.db,
      sql`select actor, actor_account_id, subject_account_id, action, after from audit_log where actor like ${`%via:${c.rep.id}%`} or (action like 'identity.agent.%' and subject_account_id in (${c.ent.id}, ${c.rep.id})) order by seq`);
    const switches = audit.filter((r) => r.action === 'identity.agent.act_as');
    expect(switches.map((r) => r.subject_account_id).sort()).toEqual([c.ent.id, c.rep.id].sort());
    expect(switches[0]?.after).toMatchObject({ relation: 'legal_rep', method: 'agent' });
    expect(audit.some((r) => r.action.startsWith('cases.') && r.actor === `account:${c.ent.id} via:${c.rep.id}` && r.actor_account_id === c.ent.id)).toBe(true);

    const back = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/act-as', headers: { cookie } });
    expect(back.statusCode).toBe(200);
    expect(json<Me>(back).account.id).toBe(c.rep.id);
    expect(json<Me>(await me(cookie))).toMatchObject({ account: { id: c.rep.id, kind: 'citizen' }, acting: null });
  });

  it('refuses a citizen with no grant (403), and an enterprise account switching to another', async () => {
    const c = await company();
    const stranger = await buildCitizen(t.ctx, { name: '路人甲' });
    const res = await actAs(await loginCookie(t.app, stranger.login), c.ent.id);
    expect(res.statusCode).toBe(403);
    expect(json<ErrorJson>(res).error.message).toMatch(/法定代表人.*经办授权/);
    const other = await company('另一家公司');
    expect((await actAs(await loginCookie(t.app, c.ent.login), other.ent.id)).statusCode).toBe(403);
  });
});

describe('经办人管理 (the enterprise manages its agents)', () => {
  it('adds an agent by name and ID number, who is notified, acts, and has the name on the application', async () => {
    const c = await company();
    const entCookie = await loginCookie(t.app, c.ent.login);
    const wrongName = await addAgent(entCookie, { name: '王错名', idNumber: c.agentIdNumber, scope: 'all', validUntil: day(30) });
    expect(wrongName.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(wrongName).error.details[0]?.path).toBe('name');
    const noAccount = await addAgent(entCookie, { name: '王经办', idNumber: buildIdNumber(), scope: 'all', validUntil: day(30) });
    expect(noAccount.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(noAccount).error.details[0]?.path).toBe('idNumber');
    const badDates = await addAgent(entCookie, { name: '王经办', idNumber: c.agentIdNumber, scope: 'all', validFrom: day(5), validUntil: day(1) });
    expect(json<{ error: { details: { path: string }[] } }>(badDates).error.details[0]?.path).toBe('validUntil');

    const g = await grantAgent(entCookie, c);
    expect(g).toMatchObject({ status: 'active', usableNow: true, agent: { name: '王经办' } });
    expect(g.agent.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const again = await addAgent(entCookie, { name: '王经办', idNumber: c.agentIdNumber, scope: 'all', validUntil: day(30) });
    expect(again.statusCode).toBe(409);

    const agentCookie = await loginCookie(t.app, c.agent.login);
    const inbox = json<{ items: { title: string; body: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: agentCookie } }));
    expect(inbox.items.some((n) => n.title === '企业经办授权' && n.body.includes('南平测试餐饮有限公司'))).toBe(true);
    const received = json<{ as: string; items: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/agent-authorizations', headers: { cookie: agentCookie } }));
    expect(received).toMatchObject({ as: 'agent', items: [{ id: g.id }] });

    expect((await actAs(agentCookie, c.ent.id)).statusCode).toBe(200);
    expect(json<Me>(await me(agentCookie)).acting).toMatchObject({ relation: 'agent', person: { accountId: c.agent.id } });
    const created = await apply(agentCookie, itemB.implementationId);
    expect(created.statusCode, created.body).toBe(201);
    expect(json<{ applicant: { kind: string; agentName: string | null } }>(created).applicant).toMatchObject({ kind: 'legal_person', agentName: '王经办' });

    // An agent cannot add agents, nor touch the enterprise's password.
    const other = await buildCitizen(t.ctx, { name: '赵某' });
    const byAgent = await addAgent(agentCookie, { name: '赵某', idNumber: other.idNumber, scope: 'all', validUntil: day(10) });
    expect(byAgent.statusCode).toBe(403);
    expect(json<ErrorJson>(byAgent).error.message).toMatch(/经办人不能/);
    const pw = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${c.ent.id}/password`, headers: { cookie: agentCookie }, payload: { currentPassword: 'x', newPassword: 'Another@Passw0rd' } });
    expect(pw.statusCode).toBe(403);
  });

  it('lets the legal representative acting for the enterprise add an agent; the grant records who granted', async () => {
    const c = await company();
    const repCookie = await loginCookie(t.app, c.rep.login);
    await actAs(repCookie, c.ent.id);
    const g = await grantAgent(repCookie, c);
    expect(g.grantedByName).toContain('林法人');
    const list = json<{ as: string; items: Grant[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/agent-authorizations', headers: { cookie: repCookie } }));
    expect(list).toMatchObject({ as: 'enterprise', items: [{ id: g.id }] });
    const rows_ = await rows<{ subject_account_id: string; actor: string }>(t.database.db, sql`select subject_account_id, actor from audit_log where action = 'identity.agent.grant' and entity_id = ${g.id}`);
    expect(rows_.map((r) => r.subject_account_id).sort()).toEqual([c.ent.id, c.agent.id].sort());
    expect(rows_[0]?.actor).toBe(`account:${c.ent.id} via:${c.rep.id}`);
  });

  it('refuses a scope-limited agent for another item, naming it', async () => {
    const c = await company();
    const entCookie = await loginCookie(t.app, c.ent.login);
    const unknownItem = await addAgent(entCookie, { name: '王经办', idNumber: c.agentIdNumber, scope: 'items', itemCodes: ['999999999999'], validUntil: day(30) });
    expect(unknownItem.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(unknownItem).error.details[0]?.path).toBe('itemCodes.0');
    const g = await grantAgent(entCookie, c, { scope: 'items', itemCodes: [itemA.basicCode] });
    expect(g.items).toEqual([{ code: itemA.basicCode, name: itemA.name }]);

    const agentCookie = await loginCookie(t.app, c.agent.login);
    await actAs(agentCookie, c.ent.id);
    expect(json<Me>(await me(agentCookie)).acting?.itemCodes).toEqual([itemA.basicCode]);
    expect((await apply(agentCookie, itemA.implementationId)).statusCode).toBe(201);
    const refused = await apply(agentCookie, itemB.implementationId);
    expect(refused.statusCode).toBe(403);
    const err = json<ErrorJson>(refused).error;
    expect(err.message).toContain(itemB.name);
    expect(err.details).toMatchObject({ itemCode: itemB.basicCode });
  });

  it('revoked mid-session: the next request is the citizen again, with a clear notice; a write is refused, not done as the citizen', async () => {
    const c = await company();
    const entCookie = await loginCookie(t.app, c.ent.login);
    const g = await grantAgent(entCookie, c);
    const agentCookie = await loginCookie(t.app, c.agent.login);
    await actAs(agentCookie, c.ent.id);
    expect(json<Me>(await me(agentCookie)).account.id).toBe(c.ent.id);

    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/agent-authorizations/${g.id}/revoke`, headers: { cookie: entCookie }, payload: {} });
    expect(json<{ error: { details: { path: string }[] } }>(noReason).error.details[0]?.path).toBe('reason');
    const revoked = await t.app.inject({ method: 'POST', url: `/api/v1/agent-authorizations/${g.id}/revoke`, headers: { cookie: entCookie }, payload: { reason: '员工离职' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(json<Grant>(revoked)).toMatchObject({ status: 'revoked', revokeReason: '员工离职' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/agent-authorizations/${g.id}/revoke`, headers: { cookie: entCookie }, payload: { reason: '再撤' } })).statusCode).toBe(409);

    const write = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: agentCookie, 'idempotency-key': `agent-${randomUUID()}` },
      payload: { implementationId: itemA.implementationId, formData: { shopName: '闽北小吃店' }, materials: {}, submit: false },
    });
    expect(write.statusCode).toBe(409);
    expect(json<ErrorJson>(write).error).toMatchObject({ code: 'ACTING_ENDED' });
    expect(json<ErrorJson>(write).error.message).toMatch(/已撤销.*员工离职/);
    const m = json<Me>(await me(agentCookie));
    expect(m).toMatchObject({ account: { id: c.agent.id, kind: 'citizen' }, acting: null });
    expect(m.actingNotice).toMatch(/撤销.*已切换回个人身份/);
    expect((await actAs(agentCookie, c.ent.id)).statusCode).toBe(403);
    const ended = await rows<{ subject_account_id: string }>(t.database.db, sql`select subject_account_id from audit_log where action = 'identity.agent.act_end' and after->>'agentAccountId' = ${c.agent.id}`);
    expect(ended.map((r) => r.subject_account_id).sort()).toEqual([c.ent.id, c.agent.id].sort());
  });

  it('an expired grant: acting falls back to the citizen and the grant shows expired', async () => {
    const c = await company();
    const entCookie = await loginCookie(t.app, c.ent.login);
    await grantAgent(entCookie, c, { validUntil: day(0) });
    const agentCookie = await loginCookie(t.app, c.agent.login);
    expect((await actAs(agentCookie, c.ent.id)).statusCode).toBe(200);

    t.clock.set(new Date(Date.now() + 2 * 86_400_000).toISOString());
    const m = json<Me>(await me(agentCookie));
    expect(m.account.id).toBe(c.agent.id);
    expect(m.actingNotice).toMatch(/过期/);
    const list = json<{ items: Grant[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/agent-authorizations', headers: { cookie: entCookie } }));
    expect(list.items[0]).toMatchObject({ status: 'expired', usableNow: false });
    const options = json<{ items: unknown[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/auth/acting-options', headers: { cookie: agentCookie } }));
    expect(options.items).toEqual([]);
    // A new grant replaces the expired one.
    await grantAgent(entCookie, c, { validUntil: day(40) });
  });
});
