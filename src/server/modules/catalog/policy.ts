import type { Policy } from '../../platform/guard.ts';

/** Who may do what in the catalog module (the permission-matrix test checks every route against this). */
export const catalogPolicy = {
  /** The published catalog and its history are public (政务公开). */
  read: { public: true },
  edit: { roles: ['catalog_admin'] },
  /** xlsx export and import (导出 / 导入): catalog admins, within their region. */
  xlsx: { roles: ['catalog_admin'] },
  /** Comparison across regions: catalog admins and supervisors (同一标准 checks). */
  compare: { roles: ['catalog_admin', 'supervisor'] },
  /** 汇总统计 / 比对分析: the same readers as the comparison. */
  statistics: { roles: ['catalog_admin', 'supervisor'] },
} as const satisfies Record<string, Policy>;
