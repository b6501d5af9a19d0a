import type {
  Metadata,
  sendUnaryData,
  ServerUnaryCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { LoggerService } from '@nestjs/common';
import { z } from 'zod';
import {
  LookupQuery,
  MessagesQuery,
  parseQuery,
  ProfileApiError,
  ProfileId,
  SearchQuery,
  TimelineQuery,
  type ProfileApiAccess,
  type ProfileApiService,
} from '../profile-api';
import { errorStatus } from './grpc-status';
import {
  entriesReplyOf,
  messageHistoryEntryMessageOf,
  profileMessageOf,
  searchReplyOf,
  timelineEntryMessageOf,
} from './profile-messages';

export interface ProfileGrpcCollaborators {
  readonly api: Pick<ProfileApiService, 'get' | 'lookup' | 'search' | 'timeline' | 'messages'>;
  readonly access: Pick<ProfileApiAccess, 'workspaceOf'>;
  readonly logger: Pick<LoggerService, 'error'>;
}

// The requests of profile.proto as @grpc/proto-loader decodes them: camelCase, unset absent.
const Text = z.string().optional();
const Limit = z.number().optional();
const GetProfileRequest = z.object({ workspaceId: Text, profileId: Text });
const LookupRequest = z.object({ workspaceId: Text, type: Text, value: Text });
const SearchRequest = z.object({
  workspaceId: Text,
  trait: Text,
  value: Text,
  limit: Limit,
  cursor: Text,
});
const PageRequest = z.object({ workspaceId: Text, profileId: Text, limit: Limit, cursor: Text });

type UnaryHandler = (
  call: ServerUnaryCall<unknown, unknown>,
  callback: sendUnaryData<unknown>,
) => void;

/**
 * The methods of meridian.profile.v1.ProfileService. They only translate: the caller is let
 * in by the same ProfileApiAccess (admin key in the `authorization` metadata, workspace_id
 * naming the workspace) and answered by the same ProfileApiService as over HTTP, with the
 * same validation (an unset field reads as an absent query parameter).
 */
export class ProfileGrpcHandlers {
  constructor(private readonly collaborators: ProfileGrpcCollaborators) {}

  implementation(): UntypedServiceImplementation {
    const { api } = this.collaborators;
    return {
      GetProfile: this.unary(GetProfileRequest, async (workspaceId, request) =>
        profileMessageOf(
          (await api.get(workspaceId, parseQuery(ProfileId, request.profileId))).record,
        ),
      ),
      Lookup: this.unary(LookupRequest, async (workspaceId, request) => {
        const identifier = parseQuery(LookupQuery, { type: request.type, value: request.value });
        return profileMessageOf((await api.lookup(workspaceId, identifier)).record);
      }),
      Search: this.unary(SearchRequest, async (workspaceId, request) => {
        const query = parseQuery(SearchQuery, {
          trait: request.trait,
          value: request.value,
          limit: request.limit,
          cursor: request.cursor,
        });
        return searchReplyOf(await api.search(workspaceId, query));
      }),
      ListTimeline: this.unary(PageRequest, async (workspaceId, request) => {
        const profileId = parseQuery(ProfileId, request.profileId);
        const page = { limit: request.limit, cursor: request.cursor };
        const timeline = await api.timeline(
          workspaceId,
          profileId,
          parseQuery(TimelineQuery, page),
        );
        return entriesReplyOf(timeline, timelineEntryMessageOf);
      }),
      ListMessages: this.unary(PageRequest, async (workspaceId, request) => {
        const profileId = parseQuery(ProfileId, request.profileId);
        const page = { limit: request.limit, cursor: request.cursor };
        const history = await api.messages(workspaceId, profileId, parseQuery(MessagesQuery, page));
        return entriesReplyOf(history, messageHistoryEntryMessageOf);
      }),
    };
  }

  /** A unary method: decode the request, let the caller in, answer or fail with a status. */
  private unary<Request extends { readonly workspaceId?: string }>(
    schema: z.ZodType<Request>,
    answer: (workspaceId: string, request: Request) => Promise<unknown>,
  ): UnaryHandler {
    return (call, callback) => {
      const run = async () => {
        const request = decoded(schema, call.request);
        const workspaceId = await this.collaborators.access.workspaceOf({
          authorization: authorizationOf(call.metadata),
          workspace: request.workspaceId,
        });
        return answer(workspaceId, request);
      };
      run().then(
        (reply) => callback(null, reply),
        (error: unknown) => {
          if (!(error instanceof ProfileApiError))
            this.collaborators.logger.error(`gRPC profile call failed: ${describe(error)}`);
          callback(errorStatus(error));
        },
      );
    };
  }
}

/** The request as proto-loader decoded it, its empty strings and zeros read as unset. */
function decoded<Request>(schema: z.ZodType<Request>, message: unknown): Request {
  const parsed = schema.safeParse(withoutUnset(message));
  if (parsed.success) return parsed.data;
  throw ProfileApiError.invalid('the request does not match profile.proto');
}

/** proto3 cannot tell "" or 0 from a field not sent; both mean "not sent", as in HTTP. */
function withoutUnset(message: unknown): unknown {
  if (typeof message !== 'object' || message === null) return message;
  return Object.fromEntries(
    Object.entries(message).filter(([, value]) => value !== '' && value !== 0),
  );
}

/** The `authorization` metadata (`Bearer <admin key>`), read like the HTTP header. */
export function authorizationOf(metadata: Metadata): string | undefined {
  const [value] = metadata.get('authorization');
  return typeof value === 'string' ? value : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
