"""The whole local stack — message sink, Keycloak, realm, demo doctors — started in one call.

The main command (`monespace dev up`) and the test harness both use `Stack`, so a test runs
exactly what a newcomer runs, with other ports and a throw-away database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from keycloak import KeycloakAdmin

from keycloak_connection.admin import DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER
from message_sink import MessageSink
from monespace_home import HomeServer
from monespace_home import Settings as HomeSettings
from monespace_home.settings import BACKCHANNEL_LOGOUT_PATH, CALLBACK_PATH, LOGGED_OUT_PATH
from monespace_support import Settings as SupportSettings
from monespace_support import SupportServer
from monespace_support.settings import CALLBACK_PATH as SUPPORT_CALLBACK_PATH
from monespace_support.settings import LOGGED_OUT_PATH as SUPPORT_LOGGED_OUT_PATH
from provisioning.dev_settings import refusals
from provisioning.devstack import paths
from provisioning.devstack.distribution import BuiltKeycloak, Progress, ensure_built, prepare_instance
from provisioning.devstack.keycloak_server import KeycloakServer
from provisioning.devstack.ports import ensure_free
from provisioning.devstack.postgres import LocalPostgres

DATABASE = USER = PASSWORD = "keycloak"  # the local PostgreSQL's database and owner (loopback only)


#: Recommended for production too (KC_DB_URL_PROPERTIES), see the README's Ordinal sync sizing.
DB_URL_PROPERTIES = "?reWriteBatchedInserts=true"


def home_realm_values(public_url: str, *more_urls: str) -> dict[str, object]:
    """realm/ values for the home at `public_url`: its exact callback and "logged out" URIs (and
    those of `more_urls`, other homes using the same client), where a reset link opened in
    another browser lands, and where Keycloak posts logout tokens."""
    urls = [public_url, *more_urls]
    return {
        "home_root_url": public_url,
        "home_url": f"{public_url}/",
        "home_redirect_uris": [f"{url}{CALLBACK_PATH}" for url in urls],
        "home_post_logout_redirect_uris": [f"{url}{LOGGED_OUT_PATH}" for url in urls],
        "home_backchannel_logout_url": f"{public_url}{BACKCHANNEL_LOGOUT_PATH}",
    }


def support_realm_values(support_url: str, keycloak_url: str, *more_urls: str) -> dict[str, object]:
    """realm/ values for the support page at `support_url` (its exact callback and "logged out"
    URIs, and those of `more_urls`) and the realm's admin console served by Keycloak at
    `keycloak_url` (agents only)."""
    urls = [support_url, *more_urls]
    return {
        "support_root_url": support_url,
        "support_redirect_uris": [f"{url}{SUPPORT_CALLBACK_PATH}" for url in urls],
        "support_post_logout_redirect_uris": [f"{url}{SUPPORT_LOGGED_OUT_PATH}" for url in urls],
        "admin_console_url": keycloak_url,
    }


#: Where the dev stack runs the message sink.
SINK_HOST = "127.0.0.1"


@dataclass
class StackSettings:
    #: "dev": Keycloak's dev-file (H2) database; "postgres": the production-like mode, a local
    #: PostgreSQL started with the stack (same realm, theme and providers).
    profile: str = "dev"
    instance: str = "dev"
    http_port: int = 8080
    management_port: int = 9000
    #: Keycloak's clustering transport (one node: its caches still run it), on 127.0.0.1.
    jgroups_port: int = 7800
    smtp_port: int = 2525
    sink_http_port: int = 8025
    #: Another SMS gateway than the sink (same contract); None uses the sink.
    sms_gateway_url: str | None = None
    sms_gateway_token: str | None = None
    sms_gateway_timeout_ms: int = 5000
    #: Start the message sink when SMTP or SMS goes to it (off: never).
    with_sink: bool = True
    #: The realm's SMTP server is the sink (the caller knows: MONESPACE_SMTP_HOST is not set).
    smtp_to_sink: bool = True
    fresh_data: bool = False
    heap: str | None = None
    extra_options: list[str] = field(default_factory=list)
    admin_user: str = DEFAULT_ADMIN_USER
    #: Keycloak's bootstrap admin, created with the master realm (the first start on a database).
    admin_password: str = DEFAULT_ADMIN_PASSWORD
    #: The production-like mode refuses the dev parts (default admin password, the sink as SMTP
    #: or SMS target) unless these say so.
    allow_default_admin_password: bool = False
    allow_message_sink: bool = False
    #: The MonEspace home (MES SERVICES), started after Keycloak; the realm's home_redirect_uris
    #: default to port 8000.
    home_port: int = 8000
    with_home: bool = True
    #: The support page of the conseils (monespace_support), started after Keycloak.
    support_port: int = 8001
    with_support: bool = True
    postgres_port: int = 5432
    #: synchronous_commit; off only for benchmarks (see LocalPostgres.durable).
    postgres_durable: bool = True
    #: PostgreSQL sized for the sync's initial load (postgres.WRITE_HEAVY); the benchmarks.
    postgres_write_heavy: bool = False

    @property
    def sms_to_sink(self) -> bool:
        return self.sms_gateway_url is None

    @property
    def sink_needed(self) -> bool:
        return self.with_sink and (self.smtp_to_sink or self.sms_to_sink)

    def dev_parts_refused(self) -> list[str]:
        """What the production-like mode refuses to run with, unless allowed (dev_settings, as preflight)."""
        if self.profile == "dev":
            return []
        return refusals(
            admin_password=self.admin_password,
            smtp_sink=SINK_HOST if self.smtp_to_sink else None,
            sms_sink=SINK_HOST if self.sms_to_sink else None,
            allow_default_admin_password=self.allow_default_admin_password,
            allow_message_sink=self.allow_message_sink,
        )

    def check_dev_parts(self) -> None:
        """DevPartsRefused when the production-like mode would run with a development part."""
        refused = self.dev_parts_refused()
        if refused:
            lines = "".join(f"\nrefused: {reason}" for reason in refused)
            raise DevPartsRefused(f"the production-like mode refuses development settings:{lines}")


class DevPartsRefused(RuntimeError):
    """The production-like mode was asked to run with a development part it was not allowed."""


class Stack:
    def __init__(self, settings: StackSettings, say: Progress = print) -> None:
        self.settings = settings
        self.say = say
        self.sink: MessageSink | None = None
        self.keycloak: KeycloakServer | None = None
        self.built: BuiltKeycloak | None = None
        self.home: HomeServer | None = None
        self.support: SupportServer | None = None
        self.postgres: LocalPostgres | None = None

    @property
    def home_url(self) -> str:
        return f"http://localhost:{self.settings.home_port}"

    @property
    def support_url(self) -> str:
        return f"http://localhost:{self.settings.support_port}"

    @property
    def sms_url(self) -> str:
        s = self.settings
        return s.sms_gateway_url or f"http://{SINK_HOST}:{s.sink_http_port}/sms"

    def keycloak_options(self) -> list[str]:
        s = self.settings
        options = [
            f"--spi-sms-sender--http-gateway--url={self.sms_url}",
            f"--spi-sms-sender--http-gateway--timeout-ms={s.sms_gateway_timeout_ms}",
            *s.extra_options,
        ]
        if s.sms_gateway_token:
            options.append(f"--spi-sms-sender--http-gateway--token={s.sms_gateway_token}")
        if self.postgres is not None:
            options += [
                f"--db-url-host={self.postgres.host}",
                f"--db-url-port={self.postgres.port}",
                f"--db-url-database={DATABASE}",
                f"--db-username={USER}",
                f"--db-password={PASSWORD}",
                # The JDBC driver sends a batch of inserts as multi-row INSERTs: a third less
                # database time per doctor the Ordinal sync creates (README, Ordinal sync sizing).
                f"--db-url-properties={DB_URL_PROPERTIES}",
            ]
        return options

    def check_service_ports(self) -> None:
        """PortInUse unless the ports of the services started beside Keycloak (message sink,
        home, PostgreSQL: those the settings turn on) are free."""
        s = self.settings
        if s.sink_needed:
            ensure_free(s.smtp_port, "message sink SMTP")
            ensure_free(s.sink_http_port, "message sink HTTP")
        if s.with_home:
            ensure_free(s.home_port, "MonEspace home")
        if s.with_support:
            ensure_free(s.support_port, "support page of the conseils")
        if s.profile == "postgres":
            ensure_free(s.postgres_port, "PostgreSQL")

    def start(self) -> Stack:
        s = self.settings
        s.check_dev_parts()
        ensure_free(s.http_port, "Keycloak HTTP")
        ensure_free(s.management_port, "Keycloak management")
        ensure_free(s.jgroups_port, "Keycloak clustering (JGroups)")
        self.check_service_ports()
        self.built = ensure_built(s.profile, self.say)
        instance = prepare_instance(self.built, s.instance, fresh_data=s.fresh_data)
        if s.profile == "postgres":
            self.start_postgres()
        if s.sink_needed:
            self.start_sink(instance)
        self.keycloak = KeycloakServer(
            instance=instance,
            http_port=s.http_port,
            management_port=s.management_port,
            admin_user=s.admin_user,
            admin_password=s.admin_password,
            options=self.keycloak_options(),
            heap=s.heap,
            jgroups_port=s.jgroups_port,
        )
        self.say(f"Starting Keycloak {self.built.version} on {self.keycloak.url} (log: {self.log_path(instance)})…")
        self.keycloak.start()
        try:
            self.keycloak.wait_ready()
            if s.with_home:
                self.start_home(self.keycloak.url)
            if s.with_support:
                self.start_support(self.keycloak.url)
        except Exception:
            self.stop()
            raise
        return self

    def start_sink(self, instance: Path) -> MessageSink:
        """The message sink; its journal lives in the instance's data/ unless the data is fresh."""
        s = self.settings
        journal = None if s.fresh_data else instance / "data" / "messages.jsonl"
        self.sink = MessageSink(smtp_port=s.smtp_port, http_port=s.sink_http_port, journal=journal).start()
        return self.sink

    def start_home(self, keycloak_url: str) -> HomeServer:
        """The MonEspace home signing in with `keycloak_url` (one node, or the cluster's front)."""
        # MONESPACE_HOME_* variables still set the secret key and the service URLs.
        home = HomeSettings.from_env(keycloak_url=keycloak_url, public_url=self.home_url)
        self.home = HomeServer(home, port=self.settings.home_port).start()
        self.say(f"MonEspace home on {self.home_url}")
        return self.home

    def start_support(self, keycloak_url: str) -> SupportServer:
        """The support page of the conseils, signing agents in with `keycloak_url`."""
        support = SupportSettings.from_env(keycloak_url=keycloak_url, public_url=self.support_url)
        self.support = SupportServer(support, port=self.settings.support_port).start()
        self.say(f"Support page of the conseils on {self.support_url}")
        return self.support

    def start_postgres(self) -> LocalPostgres:
        """The stack's own PostgreSQL (data in .cache/postgres/<instance>), the database ready."""
        s = self.settings
        data = paths.CACHE / "postgres" / s.instance
        self.say(f"Starting PostgreSQL on 127.0.0.1:{s.postgres_port} (data: {data})…")
        self.postgres = LocalPostgres(
            data, s.postgres_port, durable=s.postgres_durable, write_heavy=s.postgres_write_heavy
        ).start()
        if s.fresh_data:
            self.postgres.recreate_database(DATABASE, USER, PASSWORD)
        else:
            self.postgres.ensure_database(DATABASE, USER, PASSWORD)
        return self.postgres

    def admin(self) -> KeycloakAdmin:
        """An admin client on master, for provisioning this stack."""
        assert self.keycloak is not None
        return KeycloakAdmin(
            server_url=f"http://127.0.0.1:{self.settings.http_port}/",
            username=self.settings.admin_user,
            password=self.settings.admin_password,
            realm_name="master",
        )

    @staticmethod
    def log_path(instance: Path) -> Path:
        return instance / "data" / "keycloak.log"

    def stop(self) -> None:
        if self.support is not None:
            self.support.stop()
        if self.home is not None:
            self.home.stop()
        if self.keycloak is not None:
            self.keycloak.stop()
        if self.postgres is not None:
            self.postgres.stop()
        if self.sink is not None:
            self.sink.stop()

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
