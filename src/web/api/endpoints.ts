import type { AccountKind } from '../../common/enums.ts';
import { api } from './client.ts';
import type {
  AccountView,
  ChangePasswordBody,
  CreateDepartmentBody,
  CreateRegionBody,
  CreateStaffBody,
  CreateWindowBody,
  DepartmentView,
  DeregisterBody,
  Items,
  LoginBody,
  MeResponse,
  Ok,
  OrgStats,
  Page,
  RegionDetail,
  RegionView,
  RegisterBody,
  StaffView,
  UpdateDepartmentBody,
  UpdateProfileBody,
  UpdateRegionBody,
  UpdateStaffBody,
  UpdateWindowBody,
  WindowView,
} from './types.ts';

const V1 = '/api/v1';

/** Unified identity: register, log in and out, the current session. */
export const authApi = {
  me: () => api.get<MeResponse>(`${V1}/auth/me`),
  login: (body: LoginBody) => api.post<MeResponse>(`${V1}/auth/login`, body),
  register: (body: RegisterBody) => api.post<MeResponse>(`${V1}/auth/register`, body),
  logout: () => api.post<Ok>(`${V1}/auth/logout`),
};

/** Filter of the system administrator's account list. */
export interface AccountQuery {
  kind?: AccountKind;
  q?: string;
  page: number;
  pageSize: number;
}

/** One's own account, and the administrator's account list. */
export const accountsApi = {
  get: (id: string) => api.get<AccountView>(`${V1}/accounts/${id}`),
  update: (id: string, body: UpdateProfileBody) => api.patch<AccountView>(`${V1}/accounts/${id}`, body),
  changePassword: (id: string, body: ChangePasswordBody) => api.post<Ok>(`${V1}/accounts/${id}/password`, body),
  deregister: (id: string, body: DeregisterBody) => api.post<Ok>(`${V1}/accounts/${id}/deregister`, body),
  list: (query: AccountQuery) => api.get<Page<AccountView>>(`${V1}/accounts`, { ...query }),
};

/** Filter of the department list. */
export interface DepartmentQuery {
  regionCode?: string;
  q?: string;
  includeInactive?: boolean;
}

/** Filter of the window list. */
export interface WindowQuery {
  regionCode?: string;
  departmentId?: string;
}

/** Filter of the staff list. */
export interface StaffQuery {
  q?: string;
  regionCode?: string;
  departmentId?: string;
  page: number;
  pageSize: number;
}

/** The organisation directory: regions, departments, windows, staff, and the overview counters. */
export const orgApi = {
  /** Children of a region; without a parent, the top region(s). */
  regions: (parent?: string) => api.get<Items<RegionView>>(`${V1}/org/regions`, { parent }),
  searchRegions: (q: string) => api.get<Items<RegionView>>(`${V1}/org/regions`, { q }),
  region: (code: string) => api.get<RegionDetail>(`${V1}/org/regions/${code}`),
  createRegion: (body: CreateRegionBody) => api.post<RegionDetail>(`${V1}/org/regions`, body),
  renameRegion: (code: string, body: UpdateRegionBody) => api.patch<RegionDetail>(`${V1}/org/regions/${code}`, body),

  departments: (query: DepartmentQuery) => api.get<Items<DepartmentView>>(`${V1}/org/departments`, { ...query }),
  department: (id: string) => api.get<DepartmentView>(`${V1}/org/departments/${id}`),
  createDepartment: (body: CreateDepartmentBody) => api.post<DepartmentView>(`${V1}/org/departments`, body),
  updateDepartment: (id: string, body: UpdateDepartmentBody) => api.patch<DepartmentView>(`${V1}/org/departments/${id}`, body),

  windows: (query: WindowQuery) => api.get<Items<WindowView>>(`${V1}/org/windows`, { ...query }),
  createWindow: (body: CreateWindowBody) => api.post<WindowView>(`${V1}/org/windows`, body),
  updateWindow: (id: string, body: UpdateWindowBody) => api.patch<WindowView>(`${V1}/org/windows/${id}`, body),

  staff: (query: StaffQuery) => api.get<Page<StaffView>>(`${V1}/org/staff`, { ...query }),
  staffMember: (id: string) => api.get<StaffView>(`${V1}/org/staff/${id}`),
  createStaff: (body: CreateStaffBody) => api.post<StaffView>(`${V1}/org/staff`, body),
  updateStaff: (id: string, body: UpdateStaffBody) => api.patch<StaffView>(`${V1}/org/staff/${id}`, body),
  unlockStaff: (id: string) => api.post<Ok>(`${V1}/org/staff/${id}/unlock`),

  stats: (regionCode?: string) => api.get<OrgStats>(`${V1}/org/stats`, { regionCode }),
};
