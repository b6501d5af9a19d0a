#!/bin/sh
# Entry point of the partition owners (the identity, scoring and orchestration StatefulSets),
# mounted from the ConfigMap meridian-partition-owner and run by the image's dumb-init:
#
#   /bin/sh /opt/meridian/partition-owner.sh node -r @swc-node/register apps/<app>/src/main.ts
#
# It derives OWNED_PARTITIONS from the pod's ordinal, then execs the service. With
# P = MERIDIAN_PARTITIONS and R = PARTITION_OWNERS (the StatefulSet's replica count;
# the overlays copy spec.replicas into it), ordinal i owns the contiguous range
#
#   floor(i*P/R) .. floor((i+1)*P/R) - 1
#
#   P=8, R=1: 0-7            P=8, R=2: 0-3 | 4-7            P=8, R=3: 0-1 | 2-4 | 5-7
#
# so the R ranges cover every partition exactly once: one writer per profile partition.
# Two pods can only ever own the same partition while pods computed with different R run
# side by side, which is why a change of R is a stop-and-start (deploy/README.md).
set -eu

log() { echo "partition-owner: $*" >&2; }

is_count() { case "$1" in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac; }

# A StatefulSet pod is named "<statefulset>-<ordinal>". POD_NAME comes from the downward API
# (metadata.name); the container's hostname is the same name and serves as a fallback.
pod="${POD_NAME:-$(cat /proc/sys/kernel/hostname)}"
ordinal="${pod##*-}"
if ! is_count "$ordinal"; then
  log "cannot read an ordinal from the pod name '${pod}' (expected <statefulset>-<n>)"
  exit 64
fi

owners="${PARTITION_OWNERS:-}"
partitions="${MERIDIAN_PARTITIONS:-8}"
if ! is_count "$owners" || [ "$owners" -lt 1 ]; then
  log "PARTITION_OWNERS must be the StatefulSet's replica count, got '${owners}'"
  exit 64
fi
if ! is_count "$partitions" || [ "$partitions" -lt 1 ]; then
  log "MERIDIAN_PARTITIONS must be a positive integer, got '${partitions}'"
  exit 64
fi
if [ "$owners" -gt "$partitions" ]; then
  log "${owners} owners for ${partitions} partitions: some owner would get none; use at most ${partitions} replicas"
  exit 64
fi
# Typically `kubectl scale` past the configured owner count. Starting would make this pod
# share a range with another one, so it refuses (and crash-loops visibly) instead.
if [ "$ordinal" -ge "$owners" ]; then
  log "ordinal ${ordinal} but PARTITION_OWNERS=${owners}: refusing to start (change the replica count in the overlay, see deploy/README.md)"
  exit 65
fi

first=$((ordinal * partitions / owners))
last=$(((ordinal + 1) * partitions / owners - 1))
if [ "$first" -eq "$last" ]; then range="$first"; else range="${first}-${last}"; fi

if [ -n "${OWNED_PARTITIONS:-}" ] && [ "${OWNED_PARTITIONS}" != "$range" ]; then
  log "ignoring OWNED_PARTITIONS=${OWNED_PARTITIONS} from the environment: ownership follows the ordinal"
fi
export OWNED_PARTITIONS="$range"
log "${pod} owns partitions ${OWNED_PARTITIONS} (owner ${ordinal} of ${owners}, ${partitions} partitions)"

exec "$@"
