// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerifyResult } from '../../api/license-wallet.ts';
import { installDomStubs, json, renderApp, resetDom, stubFetch } from '../../test/render.tsx';
import { normaliseIdentifier, VerifyIdentifierPage, VerifyPage } from './verify-page.tsx';

const IDENTIFIER = '1.2.156.3005.2.11100000MB0143028R001.11350703035000289Q.201900000001.001.W';
const PATH = `/api/v1/licenses/verify/${IDENTIFIER}`;

function result(o: Partial<VerifyResult> = {}): VerifyResult {
  return {
    verdict: 'valid', message: '证照真实有效。', identifier: IDENTIFIER,
    license: {
      typeName: '营业执照', licenseNumber: '92350703MA350K0T9B', holderName: '南平市建阳区味香源餐饮店', holderCode: '92350703MA350K0T9B', issuerName: '建阳区市场监督管理局',
      issuedAt: '2019-03-18T01:00:00.000Z', validFrom: '2019-03-18', validUntil: null, version: 1, state: 'valid', stateChangedAt: '2026-12-01T18:48:00.555Z',
      data: [{ label: '经营场所/住所', value: '南平市建阳区潭城街道人民路128号' }],
    },
    checks: { identifier: true, signature: true, document: null, issuerTrusted: true },
    issuer: { name: '建阳区市场监督管理局', code: '11350703035000289Q', keyOrigin: 'local', trustSource: null },
    proof: { leafIndex: 0, treeSize: 17, leafHash: 'aa11', path: ['bb22', 'cc33'], rootHash: 'dd44', treeHeadSignature: 'ee55', entry: '{"event":"issue"}' },
    checkedAt: '2026-12-01T18:48:52.852Z',
    ...o,
  };
}

/** The URLs fetch was called with (the path-keyed stub records no query string). */
function urls(): URL[] {
  return vi.mocked(fetch).mock.calls.map(([input]) => new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost'));
}

function renderAt(route: string) {
  renderApp(
    <Routes>
      <Route path="/verify" element={<VerifyPage />} />
      <Route path="/verify/:identifier" element={<VerifyIdentifierPage />} />
    </Routes>,
    { route },
  );
}

describe('证照核验 (public license verification)', () => {
  beforeEach(installDomStubs);
  afterEach(resetDom);

  it('verifies on opening the QR link: the verdict big and green, the facts, the issuer, the checks, the proof collapsed', async () => {
    stubFetch({ [`GET ${PATH}`]: () => json(200, result()) });
    renderAt(`/verify/${IDENTIFIER}`);
    const verdict = await screen.findByRole('heading', { name: '真实有效' });
    expect(verdict.closest('.verdict')?.className).toContain('verdict-ok');
    expect(screen.getByText('证照真实有效。')).toBeTruthy();
    expect(screen.getAllByText('南平市建阳区味香源餐饮店').length).toBeGreaterThan(0);
    expect(screen.getByText('南平市建阳区潭城街道人民路128号')).toBeTruthy();
    expect(screen.getByText('2019-03-18 至 长期')).toBeTruthy();
    expect(screen.getByText(/签章密钥：本平台登记的发证机构密钥/)).toBeTruthy();
    // Checks: passed, and "not applicable" for the document when none was uploaded.
    const checks = screen.getByText('发证机关电子签名（SM2）').closest('li');
    expect(checks?.textContent).toContain('通过');
    expect(screen.getByText('文件与签发时一致').closest('li')?.textContent).toContain('不适用');
    // 技术信息 is collapsed until asked for.
    const tech = screen.getByRole('button', { name: /技术信息/ });
    expect(tech.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('dd44')).toBeNull();
    fireEvent.click(tech);
    expect(await screen.findByText('dd44')).toBeTruthy();
    expect(screen.getByText('cc33')).toBeTruthy();
    const call = urls().find((u) => u.pathname === PATH);
    expect(call?.searchParams.get('channel')).toBe('qr');
    expect(call?.searchParams.get('proof')).toBe('true');
  });

  it.each([
    ['revoked', '已注销', 'verdict-bad'],
    ['tampered', '疑似篡改，不可采信', 'verdict-bad'],
    ['suspended', '已暂停使用', 'verdict-warn'],
    ['expired', '已超过有效期', 'verdict-warn'],
    ['not_found', '未找到该证照', 'verdict-none'],
  ] as const)('shows a %s license unmistakably', async (verdict, title, tone) => {
    stubFetch({ [`GET ${PATH}`]: () => json(200, result({ verdict, message: '服务器说明', ...(verdict === 'not_found' ? { license: null, issuer: null, proof: null } : {}) })) });
    renderAt(`/verify/${IDENTIFIER}`);
    const heading = await screen.findByRole('heading', { name: title });
    expect(heading.closest('.verdict')?.className).toContain(tone);
    expect(screen.getByText('服务器说明')).toBeTruthy();
    if (verdict === 'not_found') expect(screen.queryByText('证照信息')).toBeNull();
  });

  it('refuses a link whose identifier fails its check character, without asking the server', async () => {
    const { calls } = stubFetch();
    renderAt(`/verify/${IDENTIFIER.slice(0, -1)}X`);
    expect(await screen.findByText('链接中的证照标识无效')).toBeTruthy();
    expect(screen.getByText('证照标识校验位不正确')).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith('/api/v1/licenses/verify'))).toBe(false);
  });

  it('checks a typed identifier’s shape before sending, then verifies it with channel=identifier', async () => {
    const { calls } = stubFetch({ [`GET ${PATH}`]: () => json(200, result()) });
    renderAt('/verify');
    const box = screen.getByLabelText('证照标识');
    fireEvent.change(box, { target: { value: '1.2.156.3005.2.123' } });
    fireEvent.click(screen.getByRole('button', { name: /核\s*验/ }));
    expect(await screen.findByText(/证照标识格式应为/)).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith('/api/v1/licenses/verify'))).toBe(false);
    // Pasting what a phone's scanner hands over (the whole link, lower case) works too.
    fireEvent.change(box, { target: { value: ` https://zwfw.np.gov.cn/verify/${IDENTIFIER.toLowerCase()} ` } });
    fireEvent.click(screen.getByRole('button', { name: /核\s*验/ }));
    expect(await screen.findByRole('heading', { name: '真实有效' })).toBeTruthy();
    expect(urls().find((u) => u.pathname === PATH)?.searchParams.get('channel')).toBe('identifier');
  });

  it('verifies an uploaded file and shows a tampered verdict in red', async () => {
    stubFetch({ 'POST /api/v1/licenses/verify/document': () => json(200, result({ verdict: 'tampered', message: '证照内容或文件与发证机关签发的不一致，可能被篡改。', checks: { identifier: true, signature: true, document: false, issuerTrusted: true }, proof: null })) });
    renderAt('/verify');
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.7'], '营业执照.pdf', { type: 'application/pdf' })] } });
    const heading = await screen.findByRole('heading', { name: '疑似篡改，不可采信' });
    expect(heading.closest('.verdict')?.className).toContain('verdict-bad');
    expect(screen.getByText('文件与签发时一致').closest('li')?.textContent).toContain('未通过');
    await waitFor(() => expect(vi.mocked(fetch).mock.calls.some(([, init]) => init?.body instanceof FormData)).toBe(true));
    const [, init] = vi.mocked(fetch).mock.calls.find(([, i]) => i?.body instanceof FormData) ?? [];
    expect((init?.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it('speaks English when asked, the verdict included', async () => {
    stubFetch({ [`GET ${PATH}`]: () => json(200, result({ verdict: 'suspended', message: '证照真实，但已被发证机关暂停使用。' })) });
    renderApp(
      <Routes>
        <Route path="/verify/:identifier" element={<VerifyIdentifierPage />} />
      </Routes>,
      { route: `/verify/${IDENTIFIER}`, prefs: { lang: 'en', elderly: true } },
    );
    expect(await screen.findByRole('heading', { name: 'Suspended' })).toBeTruthy();
    expect(screen.getByText('The license is genuine but its issuer has suspended it.')).toBeTruthy();
  });

  it('reads identifiers out of links and forgives spaces and case', () => {
    expect(normaliseIdentifier(`http://127.0.0.1:3000/verify/${encodeURIComponent(IDENTIFIER)}?x=1`)).toBe(IDENTIFIER);
    expect(normaliseIdentifier(` ${IDENTIFIER.slice(0, 20)} ${IDENTIFIER.slice(20).toLowerCase()}`)).toBe(IDENTIFIER);
  });
});
