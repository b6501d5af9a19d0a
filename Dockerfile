# syntax=docker/dockerfile:1.20
# (1.20 is the first Dockerfile frontend where COPY --parents is generally available.)
#
# One image recipe for every Meridian service, plus the CLI:
#
#   docker build --build-arg SERVICE=ingestion     --build-arg HTTP_PORT=8080 -t meridian/ingestion .
#   docker build --build-arg SERVICE=identity      --build-arg HTTP_PORT=8081 -t meridian/identity .
#   docker build --build-arg SERVICE=scoring       --build-arg HTTP_PORT=8082 -t meridian/scoring .
#   docker build --build-arg SERVICE=orchestration --build-arg HTTP_PORT=8083 -t meridian/orchestration .
#   docker build --build-arg SERVICE=sender-email  --build-arg HTTP_PORT=8090 -t meridian/sender-email .
#   docker build --target runtime -t meridian/cli .   # provision, seed-workspace
#
# There is no build output: like `npm run stack:up`, the image runs the TypeScript sources
# through @swc-node/register (SWC transpiles each file on load). Every image holds the whole
# workspace; SERVICE only chooses the entry point, so all stages but the last are shared.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------
# deps: node_modules exactly as package-lock.json says.
# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app

# Only the manifests first, so the slow `npm ci` layer is rebuilt only when a dependency
# or a workspace changes, not on every source edit. npm needs every workspace's
# package.json to check the lockfile and to link @meridian/* into node_modules; --parents
# keeps each one at its path (apps/identity/package.json, ...), and the globs pick up
# services added later (sender-sms, ...) without touching this file. Directories without a
# package.json (tools/ferretdb, tools/setup, ...) are simply not matched.
COPY package.json package-lock.json ./
COPY --parents apps/*/package.json libs/*/package.json tools/*/package.json ./

# --include=dev on purpose: the run-time compiler (@swc-node/register, @swc/core and the
# typescript it reads tsconfig files with) is in devDependencies. Install scripts are left
# to npm's defaults, as in a developer's `npm ci`; none is needed (@swc/core's native binary
# is the platform's optional dependency, glibc here, hence bookworm rather than alpine).
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --include=dev --no-audit --no-fund --loglevel=warn

# ---------------------------------------------------------------------------------------
# runtime: the workspace, runnable as any service or tool. Built on its own with
# `--target runtime` it is the CLI image (compose `provision`, the Kubernetes Job).
# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# PID 1 is dumb-init, not node. The kernel gives PID 1 no default signal actions, so node
# as PID 1 ignores SIGTERM until the app installs a handler: Nest does (enableShutdownHooks),
# but only after SWC has compiled the module graph, and a `docker stop` in that window waits
# out the grace period and ends in SIGKILL. dumb-init forwards SIGTERM/SIGINT to node from
# the first instant and reaps zombies. It comes from Debian (no download from GitHub) and is
# the same behaviour as `docker run --init` (tini), but baked in, so Kubernetes gets it too.
RUN apt-get update \
    && apt-get install -y --no-install-recommends dumb-init \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# SWC_NODE_PROJECT: the tsconfig @swc-node/register takes its compiler options from
# (decorators and decorator metadata for Nest, the @meridian/* paths); without one it
# compiles with bare defaults and Nest's decorators fail to parse. Each program uses its own
# project's tsconfig, as ./meridian and tools/stack do locally: the CLI's here, the app's in
# the service stage.
ENV NODE_ENV=production \
    SWC_NODE_PROJECT=/app/tools/cli/tsconfig.json

# node_modules (with the workspace symlinks node_modules/@meridian/* -> ../../libs/...) and
# the manifests. Everything stays owned by root: the app user can read, not modify, its code.
COPY --from=deps /app/ ./
COPY tsconfig.base.json .swcrc ./
# Least to most often changed, for layer reuse.
COPY libs ./libs
COPY tools ./tools
COPY apps ./apps

# The node image's "node" user, by number: Kubernetes' runAsNonRoot check needs a numeric UID.
# Writable at run time: only /tmp, where @swc-node/register keeps its transform cache
# (/tmp/swc-node-1000). Kubernetes mounts an emptyDir there (read-only root file system).
USER 1000:1000

ENTRYPOINT ["dumb-init", "--"]
# The CLI image lists its commands; compose and the Job pass their own command.
CMD ["node", "-r", "@swc-node/register", "tools/cli/src/main.ts", "help"]

# ---------------------------------------------------------------------------------------
# service (default target): one Meridian service, chosen by SERVICE.
# ---------------------------------------------------------------------------------------
FROM runtime AS service

# The app under apps/ to run: ingestion, identity, scoring, orchestration, sender-email, ...
ARG SERVICE
# The port the service listens on and the healthcheck probes. Baked in so the image is
# self-consistent even if the app's own default differs; compose and Kubernetes set it too.
ARG HTTP_PORT=8080

RUN if [ -z "${SERVICE}" ] || [ ! -f "apps/${SERVICE}/src/main.ts" ]; then \
      echo "Build with --build-arg SERVICE=<name>, one of: $(ls apps | tr '\n' ' ')" >&2; \
      exit 1; \
    fi

ENV MERIDIAN_SERVICE=${SERVICE} \
    HTTP_PORT=${HTTP_PORT} \
    SWC_NODE_PROJECT=/app/apps/${SERVICE}/tsconfig.json

LABEL org.opencontainers.image.title="meridian-${SERVICE}" \
      org.opencontainers.image.licenses="Apache-2.0"

EXPOSE ${HTTP_PORT}

# Node's built-in fetch, so the image needs no curl. Liveness, not readiness: "unhealthy"
# should mean a stuck process, not a NATS or MongoDB outage (that is /health/ready's job).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/health/live', { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# `exec` replaces the shell, so node is dumb-init's direct child and receives its signals.
# The shell is there only to expand MERIDIAN_SERVICE: an exec-form CMD cannot use an ARG.
CMD ["sh", "-c", "exec node -r @swc-node/register \"apps/${MERIDIAN_SERVICE}/src/main.ts\""]
