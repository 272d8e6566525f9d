import type { FastifyInstance } from 'fastify';
import { registerRatingRoutes } from './ratings-routes.ts';
import { registerComplaintRoutes } from './complaints-routes.ts';
import { SupervisionSettings, UpdateSupervisionSettingsBody } from '../../../common/schemas/supervision.ts';
import { registerRoutes, route } from '../../platform/http.ts';
import { supervisionPolicy as policy } from './policy.ts';
import * as settings from './settings.ts';
import { registerOrderRoutes } from './orders-routes.ts';

/**
 * Register the supervision routes. Each part of the module (monitoring, KPIs, ratings, orders,
 * complaints) registers its own list under the same tag.
 */
export async function registerSupervision(app: FastifyInstance): Promise<void> {
  registerRoutes(app, 'supervision', [
    route({
      method: 'GET', url: '/api/v1/supervision/settings', summary: '监管期限设置（工作日）', policy: policy.supervise,
      response: SupervisionSettings,
      handler: async ({ ctx }) => settings.getSettings(ctx),
    }),
    route({
      method: 'PATCH', url: '/api/v1/supervision/settings', summary: '修改监管期限设置（市级）', policy: policy.configure,
      body: UpdateSupervisionSettingsBody, response: SupervisionSettings,
      handler: async ({ ctx, body }) => settings.updateSettings(ctx, body),
    }),
  ]);
  // Parts of the module register below (one line each).
  registerOrderRoutes(app);
  registerRatingRoutes(app);
  registerComplaintRoutes(app);
}
