import {
  createParamDecorator,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ProfileApiAccess, WORKSPACE_HEADER } from './profile-api-access';

/** What the guard reads of a request (Express's shape). */
interface GuardedRequest {
  readonly headers: Readonly<Record<string, unknown>>;
}

/** The workspace each authorised request reads; a WeakMap, so nothing else can set it. */
const workspaces = new WeakMap<object, string>();

/**
 * Lets a profile API request in with an admin key and records the workspace it reads (see
 * ProfileApiAccess); refusals are ProfileApiErrors, answered by ApiRefusalFilter.
 */
@Injectable()
export class ProfileApiGuard implements CanActivate {
  constructor(private readonly access: ProfileApiAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const workspaceId = await this.access.workspaceOf({
      authorization: request.headers['authorization'],
      workspace: request.headers[WORKSPACE_HEADER],
    });
    workspaces.set(request, workspaceId);
    return true;
  }
}

/** The workspace ProfileApiGuard let the request read. */
export const RequestWorkspace: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const workspaceId = workspaces.get(context.switchToHttp().getRequest<object>());
    if (workspaceId === undefined)
      throw new Error('@RequestWorkspace() used without ProfileApiGuard');
    return workspaceId;
  },
);
