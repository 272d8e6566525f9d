/**
 * Run the demo department system against a running platform (see docs/sso.md):
 *   npm run demo:department-system -- --issuer http://127.0.0.1:3000/oidc --client-id tb-… --client-secret … [--port 4000]
 * Register it first in the console (单点登录应用) with the redirect URI http://127.0.0.1:<port>/callback.
 */
import { parseArgs } from 'node:util';
import { startDemoSystem } from '../test/support/demo-department-system.ts';

const { values } = parseArgs({
  options: {
    issuer: { type: 'string', default: 'http://127.0.0.1:3000/oidc' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    port: { type: 'string', default: '4000' },
  },
});
const clientId = values['client-id'];
const clientSecret = values['client-secret'];
if (!clientId || !clientSecret) {
  console.error('usage: npm run demo:department-system -- --client-id <id> --client-secret <secret> [--issuer URL] [--port 4000]');
  process.exit(2);
}
const demo = await startDemoSystem({ issuer: values.issuer, clientId, clientSecret, port: Number(values.port) });
console.log(`演示部门系统已启动：${demo.url}`);
console.log(`回调地址 redirect URI: ${demo.redirectUri}`);
console.log(`后端登出地址 back-channel logout URI: ${demo.backchannelLogoutUri}`);
