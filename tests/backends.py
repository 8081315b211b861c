"""Where the test Keycloak comes from: our distribution build (default) or testcontainers."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from message_sink import MessageSink
from provisioning.devstack.ports import free_port
from provisioning.devstack.stack import Stack, StackSettings
from tests.support.harness import Harness

#: Short gateway timeout so the "gateway hangs" test waits seconds, not the production 5 s.
TEST_SMS_TIMEOUT_MS = 1500
#: Keycloak takes the client address from X-Forwarded-For sent from loopback, as behind the
#: production proxy: tests then speak for clients of their choosing (tests/support/attacks.py),
#: e.g. many addresses of one IPv6 /64, and keep their per-address limits apart.
TRUSTED_PROXY_OPTIONS = ["--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1,::1"]
#: Test-only login theme rendering every macro of monespace.ftl (tests/browser/theme); it is
#: installed in the test Keycloak only, never in the distribution build.
SHOWCASE_THEME = Path(__file__).parent / "browser" / "theme" / "showcase-theme"
SHOWCASE_THEME_NAME = "monespace-showcase"


@contextlib.contextmanager
def start_backend() -> Iterator[Harness]:
    backend = os.environ.get("MONESPACE_TEST_BACKEND", "distribution")
    if backend == "testcontainers":
        with _testcontainers() as harness:
            yield harness
        return
    # MONESPACE_TEST_DATABASE=postgres: the same tests on the production-like build (PostgreSQL).
    on_postgres = os.environ.get("MONESPACE_TEST_DATABASE", "dev-file") == "postgres"
    settings = StackSettings(
        profile="postgres" if on_postgres else "dev",
        instance="test-postgres" if on_postgres else "test",
        postgres_port=free_port(),
        http_port=free_port(),
        management_port=free_port(),
        jgroups_port=free_port(),
        smtp_port=free_port(),
        sink_http_port=free_port(),
        sms_gateway_timeout_ms=TEST_SMS_TIMEOUT_MS,
        fresh_data=True,
        # The tests start their own home and support page on free ports (tests/conftest.py).
        with_home=False,
        with_support=False,
        extra_options=list(TRUSTED_PROXY_OPTIONS),
        # On the production build too, the harness runs with admin/admin and the sink.
        allow_default_admin_password=True,
        allow_message_sink=True,
    )
    stack = Stack(settings, say=lambda line: print(f"[harness] {line}", flush=True))
    with stack:
        assert stack.keycloak is not None and stack.sink is not None
        # Keycloak looks themes up in themes/ when first asked: a copy after start is seen.
        shutil.copytree(SHOWCASE_THEME, stack.keycloak.instance / "themes" / SHOWCASE_THEME_NAME)
        yield Harness(
            stack.keycloak.url,
            settings.admin_user,
            settings.admin_password,
            stack.sink,
            stack.sink.host,
            stack.keycloak.management_url,
            stack.keycloak.log_path,
        )


@contextlib.contextmanager
def _testcontainers() -> Iterator[Harness]:
    """Our Keycloak image, built from deploy/containers/keycloak.Containerfile (providers, theme and
    deny list inside), run by testcontainers in dev mode (`start-dev` rebuilds it for dev-file);
    the showcase theme mounted; the sink on the host."""
    from testcontainers.core.image import DockerImage
    from testcontainers.keycloak import KeycloakContainer

    from provisioning.devstack import paths

    smtp_port, http_port, keycloak_port = free_port(), free_port(), free_port()
    sink = MessageSink(smtp_port=smtp_port, http_port=http_port, host="0.0.0.0").start()
    # A fixed host port, so that Keycloak's public URL (--hostname) is known before it starts.
    public_url = f"http://localhost:{keycloak_port}"
    command = f"start-dev --hostname={public_url} --hostname-backchannel-dynamic=true"
    image = DockerImage(
        path=str(paths.ROOT),
        dockerfile_path="deploy/containers/keycloak.Containerfile",
        tag=f"monespace/keycloak:{paths.keycloak_version()}-test",
    )
    with image:
        container = (
            KeycloakContainer(str(image), cmd=command)
            .with_bind_ports(8080, keycloak_port)
            .with_volume_mapping(str(SHOWCASE_THEME), f"/opt/keycloak/themes/{SHOWCASE_THEME_NAME}")
            .with_env("KC_SPI_SMS_SENDER__HTTP_GATEWAY__URL", f"http://host.docker.internal:{http_port}/sms")
            .with_env("KC_SPI_SMS_SENDER__HTTP_GATEWAY__TIMEOUT_MS", str(TEST_SMS_TIMEOUT_MS))
            # As TRUSTED_PROXY_OPTIONS: the tests reach the container through Docker's own gateway.
            .with_env("KC_PROXY_HEADERS", "xforwarded")
            .with_env("KC_PROXY_TRUSTED_ADDRESSES", "0.0.0.0/0,::/0")
            .with_kwargs(extra_hosts={"host.docker.internal": "host-gateway"})
        )
        with container:
            try:
                yield Harness(
                    public_url,
                    container.username,
                    container.password,
                    sink,
                    "host.docker.internal",
                )
            finally:
                sink.stop()
