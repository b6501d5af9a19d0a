import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AdminKeyService } from '@meridian/workspaces';
import type { AdminActor } from './admin-actor';
import type { AdminRole } from './admin-role';
import { authorize } from './authorize';

/** The role a route requires; set by @AdminRoute. */
export const RequiredAdminRole = Reflector.createDecorator<AdminRole>();

/** What the guard reads of a request (Express's shape). */
interface GuardedRequest {
  readonly headers: { readonly authorization?: string };
  readonly params?: Readonly<Record<string, string | undefined>>;
}

/**
 * Actors by request. A WeakMap rather than a property on the request: nothing else can set
 * it, and it goes with the request.
 */
const actors = new WeakMap<object, AdminActor>();

/** The actor the guard authenticated for this request, if any. */
export function actorOf(request: object): AdminActor | undefined {
  return actors.get(request);
}

/** Authenticates the admin key and checks the route's role and workspace (see authorize). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly adminKeys: AdminKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.get(RequiredAdminRole, context.getHandler());
    // A route without @AdminRoute's metadata is a programming error: refuse, never open.
    if (required === undefined) throw new Error('AdminGuard used without @AdminRoute(role)');
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const actor = await authorize(
      {
        required,
        authorization: request.headers.authorization,
        workspaceId: request.params?.['workspaceId'],
      },
      (rawKey) => this.adminKeys.authenticate(rawKey),
    );
    actors.set(request, actor);
    return true;
  }
}
