# Shared by scripts/setup and scripts/pulumi: where the engine lives and which version we pin.
# The cache is outside the repository and survives fresh clones on the same machine.
PULUMI_VERSION_PIN=3.248.0
CLUSTERPRO_CACHE_DIR="${PULUMI_CLUSTERPRO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-clusterpro}"
ENGINE_BIN="$CLUSTERPRO_CACHE_DIR/engine-v$PULUMI_VERSION_PIN/bin"
