import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the identity module (the permission-matrix test checks every route against this). */
export const identityPolicy = {
  register: { public: true },
  login: { public: true },
  logout: { public: true },
  me: { authenticated: true },
  /** Own account; system admins read others (scope and purpose checked in the service). */
  readAccount: { authenticated: true },
  /** Only one's own account (checked in the service). */
  changeOwnAccount: { authenticated: true },
  listAccounts: { roles: ['system_admin'] },
  /** 现场实名核验: a window clerk checks a citizen's ID card in person (window and scope checked in the service). */
  verifyRealNameInPerson: { roles: ['window_clerk'] },
  /** 短信验证码登录: anyone may ask for a code and log in with it (the code is the credential). */
  smsLogin: { public: true },
  /** 实名等级升级（L2）by a code to the bound phone: citizens and enterprises (the service takes citizens only). */
  realNameBySms: { roles: ['applicant'] },
  /** 数据使用记录 and one's own sessions: any account, only its own records (subject checked in the service). */
  myDataUsage: { authenticated: true },
  /** 通行密钥: anyone may start and finish a passkey login (the passkey is the credential). */
  passkeyLogin: { public: true },
  /** One's own passkeys: register, list, rename, delete (owner checked in the service). */
  manageOwnPasskeys: { authenticated: true },
  /** 切换身份: a citizen acts for an enterprise as its legal representative or agent (relation checked in the service). */
  actAs: { roles: ['applicant'] },
  /** 经办人管理: an enterprise (or its legal representative acting) manages its agents; a citizen lists the grants received (checked in the service). */
  manageAgents: { roles: ['applicant'] },
} as const satisfies Record<string, Policy>;
