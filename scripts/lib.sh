# Shared by scripts/test and .ci/run: make sure the machine has what the tests need.

apt_install() {
    echo "installing $* (apt-get)" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

ensure_packages() {
    local need=()
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
    command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
    if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
}

# PostgreSQL on 127.0.0.1:5432 with trust auth for the postgres user, as on our machines.
ensure_postgres() {
    local url="${CAREPOST_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
    export CAREPOST_TEST_POSTGRES="$url"
    if pg_isready -q -h 127.0.0.1 -p 5432; then return 0; fi
    echo "starting PostgreSQL" >&2
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$version" ]; then
        echo "no PostgreSQL cluster found under /etc/postgresql" >&2
        return 1
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -h 127.0.0.1 -p 5432
    # A new cluster asks for passwords on TCP; the tests connect as postgres without one.
    if ! psql "$url" -c 'select 1' >/dev/null 2>&1; then
        local hba
        hba=$(ls /etc/postgresql/"$version"/main/pg_hba.conf)
        sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$hba"
        pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    fi
}
