import {
  applyDecorators,
  createParamDecorator,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ExecutionContext,
} from '@nestjs/common';
import { AdminApiErrorFilter } from '../errors/admin-api-error.filter';
import { AdminJsonBodyInterceptor } from './admin-json-body.interceptor';
import { actorOf, AdminGuard, RequiredAdminRole } from './admin.guard';
import type { AdminActor } from './admin-actor';
import type { AdminRole } from './admin-role';

/**
 * Makes a controller method an admin route: authenticates `Authorization: Bearer <admin
 * key>`, requires at least `role` (owner > admin > read-only) and, when the route has a
 * :workspaceId param, that the key may act on that workspace; parses JSON bodies; answers
 * errors as `{ "error": { code, message, issues? } }`. The module must import
 * AdminAccessModule.
 */
export function AdminRoute(role: AdminRole): MethodDecorator {
  return applyDecorators(
    RequiredAdminRole(role),
    UseGuards(AdminGuard),
    UseInterceptors(AdminJsonBodyInterceptor),
    UseFilters(AdminApiErrorFilter),
  );
}

/** The AdminActor of an @AdminRoute method's request. */
export const Actor: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AdminActor => {
    const actor = actorOf(context.switchToHttp().getRequest<object>());
    if (actor === undefined) throw new Error('@Actor() used on a route without @AdminRoute');
    return actor;
  },
);
