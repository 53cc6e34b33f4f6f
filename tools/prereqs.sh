# Shared by ./start.sh and ./test.sh (sourced, not run): finding what is installed, and installing
# what is missing with the OS packages (apt, asking before sudo) or with conda (environment.yml).
# Expects ROOT (the checkout) and YES (1 = answer yes) to be set by the caller.

say() { printf '%s\n' "$*" >&2; }
die() { printf '%s: %s\n' "${SCRIPT_NAME:-setup}" "$*" >&2; exit 1; }

is_debian_like() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1
}
conda_tool() { # mamba, micromamba or conda, whichever is on PATH
  local t
  for t in mamba micromamba conda; do command -v "$t" >/dev/null 2>&1 && { echo "$t"; return 0; }; done
  return 1
}

# --- Java ------------------------------------------------------------------------------------------
java_major() { # major version of the java binary $1, or 0
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  v="${v#1.}"; v="${v%%.*}"
  [ -n "$v" ] && [ "$v" -eq "$v" ] 2>/dev/null && echo "$v" || echo 0
}
# Finds a JDK 17+ (java and javac): JAVA_HOME, then PATH, then /usr/lib/jvm (a newer JDK installed
# beside an older default). Exports JAVA_HOME when it is not the one on PATH. Returns 1 if none.
find_jdk() {
  local home
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 17 ]; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 17 ]; then
    unset JAVA_HOME; return 0
  fi
  for home in /usr/lib/jvm/*; do
    if [ -x "$home/bin/javac" ] && [ "$(java_major "$home/bin/java")" -ge 17 ]; then
      export JAVA_HOME="$home"; return 0
    fi
  done
  return 1
}

have_jupyter()      { command -v jupyter >/dev/null 2>&1 && jupyter kernelspec --version >/dev/null 2>&1; }
have_lab()          { command -v jupyter >/dev/null 2>&1 && jupyter lab --version >/dev/null 2>&1; }
have_notebook()     { command -v jupyter >/dev/null 2>&1 && jupyter notebook --version >/dev/null 2>&1; }
have_korean_font()  { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko family 2>/dev/null | head -n 1)" ]; }

# --- apt -------------------------------------------------------------------------------------------
apt_candidate() { # the version apt would install, empty if none
  apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '^(none)$' | head -n 1
}
apt_installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

ROOT_CMD=() # how to run a command as root: nothing (we are root) or sudo
root_prefix() {
  if [ "$(id -u)" -eq 0 ]; then ROOT_CMD=()
  elif command -v sudo >/dev/null 2>&1; then ROOT_CMD=(sudo)
  else ROOT_CMD=(NONE)
  fi
}

# Asks before installing (what, as a shell command line). Returns 0 to go on; stops the script
# when the answer is no, or when there is no terminal to ask and no --yes.
confirm() {
  local what="$1" cmd="$2" answer
  say ""
  say "$what"
  say "  $cmd"
  if [ "${ROOT_CMD[0]:-}" = NONE ]; then
    say "This needs root, and there is no sudo here. Run the command above as root, then run $SCRIPT_NAME again."
    say "root 권한이 필요합니다(sudo 없음). 위 명령을 root로 실행한 뒤 $SCRIPT_NAME 를 다시 실행하세요."
    exit 2
  fi
  [ "${YES:-}" = 1 ] && return 0
  if [ -t 0 ]; then
    read -r -p "Run it? / 실행할까요? [y/N] " answer || answer=""
    case "$answer" in y|Y|yes|YES|Yes|예|네) return 0 ;; esac
    say "Not installed. Run the command above yourself, then $SCRIPT_NAME again. / 설치하지 않았습니다."
    exit 2
  fi
  say "No terminal to ask: run the command above yourself, or $SCRIPT_NAME --yes. / 터미널이 없어 묻지 못했습니다: 위 명령을 직접 실행하거나 --yes 를 붙이세요."
  exit 2
}

# resolve SPEC... : each SPEC is a package or alternatives "a|b|c"; prints the packages apt would
# install, the first alternative that this release has (the first one when apt's lists are empty).
resolve() {
  local spec alt pick out=()
  for spec in "$@"; do
    pick=""
    IFS='|' read -r -a alts <<< "$spec"
    for alt in "${alts[@]}"; do [ -n "$(apt_candidate "$alt")" ] && { pick="$alt"; break; }; done
    out+=("${pick:-${alts[0]}}")
  done
  echo "${out[*]}"
}

# apt_install SPEC... : apt-get update + install, after asking once. The packages are looked up again
# after the update (on a fresh machine apt's lists are empty until then).
apt_install() {
  local r="" pkgs; root_prefix
  [ "${ROOT_CMD[0]:-}" = sudo ] && r="sudo "
  pkgs="$(resolve "$@")"
  confirm "Installing with apt / apt로 설치합니다:" "${r}apt-get update && ${r}apt-get install -y --no-install-recommends $pkgs"
  local -a rc=("${ROOT_CMD[@]}")
  "${rc[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || die "apt-get update failed / 실패"
  pkgs="$(resolve "$@")"
  # shellcheck disable=SC2086
  "${rc[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs \
    || die "apt-get install failed (see above) / apt-get install 실패 (위 메시지 참고)"
}

# --- conda -----------------------------------------------------------------------------------------
CONDA_ENV_NAME=java-dl-course
conda_env_prefix() { # the prefix of the course's conda environment, empty if it does not exist
  local tool; tool="$(conda_tool)" || return 0
  "$tool" env list 2>/dev/null | awk -v n="$CONDA_ENV_NAME" '$1 == n { print $NF }' | head -n 1
}
# Creates the course's environment from environment.yml if needed, and puts it first on PATH.
conda_setup() {
  local tool prefix; tool="$(conda_tool)" || die "no conda/mamba found"
  prefix="$(conda_env_prefix)"
  if [ -z "$prefix" ] || [ ! -d "$prefix" ]; then
    say "Creating the conda environment '$CONDA_ENV_NAME' from environment.yml (no sudo needed) / conda 환경을 만듭니다:"
    say "  $tool env create -f environment.yml"
    (cd "$ROOT" && "$tool" env create -y -f environment.yml 2>/dev/null || "$tool" env create -f environment.yml) \
      || die "conda could not create the environment (see above) / conda 환경 생성 실패"
    prefix="$(conda_env_prefix)"
    [ -n "$prefix" ] || die "the conda environment '$CONDA_ENV_NAME' was created but not found"
  fi
  export CONDA_PREFIX="$prefix" PATH="$prefix/bin:$PATH"
  unset JAVA_HOME
  [ -x "$prefix/lib/jvm/bin/java" ] && export JAVA_HOME="$prefix/lib/jvm"
  return 0
}
