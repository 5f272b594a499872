"""Runs moto in server mode with the project's EC2 fidelity fixes applied.

Usage: .venv/bin/python tools/emulator/moto_launcher.py --host 127.0.0.1 --port 0

Prints exactly one line, ``moto ready on http://HOST:PORT``, once requests are accepted
(with --port 0 the line carries the port the OS chose), and exits with status 0 on
SIGTERM or SIGINT, or when its standard input closes if --stop-on-stdin-close is given.

Handlers are never bent to emulator bugs; the emulator is corrected here instead, and
tools/src/test/java/dev/responders/tools/emulator/Ec2FidelityIT proves each correction.
"""

from __future__ import annotations

import argparse
import inspect
import signal
import sys
import threading
from typing import Any

import moto
from moto.autoscaling.exceptions import ValidationError as AutoScalingValidationError
from moto.autoscaling.models import AutoScalingBackend
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ec2.models.instances import Instance, InstanceBackend, MetadataOptions
from moto.ec2.responses.elastic_network_interfaces import ElasticNetworkInterfaces
from moto.ec2.responses.instances import InstanceResponse
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from glue_fidelity import apply_glue_fidelity_patches

PATCHED_FOR_MOTO = "5.2.5"


class LauncherError(RuntimeError):
    pass


def _require(condition: bool, what: str) -> None:
    # A moto upgrade that renames what we patch must stop the launcher, not silently
    # bring the emulator bugs back.
    if not condition:
        raise LauncherError(
            f"moto {moto.__version__}: cannot apply EC2 fidelity patch, {what}; "
            f"tools/emulator/moto_launcher.py was written against moto {PATCHED_FOR_MOTO}"
        )


def _source_of(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _patch_interface_groups() -> None:
    """Each interface reports exactly its own ordered groups, as in EC2.

    moto's NetworkInterface.group_set unions an attached interface's groups with the
    instance's launch groups, so a ModifyNetworkInterfaceAttribute(Groups) looks as if
    the old groups were still there.
    """
    _require(
        isinstance(inspect.getattr_static(NetworkInterface, "group_set", None), property),
        "NetworkInterface.group_set is not a property",
    )
    _require(
        "self._group_set" in _source_of(NetworkInterface.__init__),
        "NetworkInterface no longer keeps its own groups in _group_set",
    )
    NetworkInterface.group_set = property(lambda eni: list(eni._group_set))


def _patch_instance_groups() -> None:
    """An instance's groups are its primary interface's (device index 0) groups.

    moto keeps a separate instance-level list, set at launch and by
    ModifyInstanceAttribute(Groups), that never follows the interfaces. The property
    below keeps the launch list only until the primary interface exists (moto's
    Instance.__init__ hands it to prep_nics), then reads and writes the interface.
    """
    _require(
        inspect.getattr_static(Instance, "security_groups", None) is None,
        "Instance already defines security_groups at class level",
    )
    init_source = _source_of(Instance.__init__)
    _require(
        "self.security_groups = security_groups" in init_source
        and "security_groups=self.security_groups" in init_source,
        "Instance.__init__ no longer stores launch groups in security_groups",
    )

    def primary_interface(instance: Instance) -> NetworkInterface | None:
        return instance.__dict__.get("nics", {}).get(0)

    def get_groups(instance: Instance) -> list[Any]:
        primary = primary_interface(instance)
        if primary is not None:
            return list(primary._group_set)
        return instance.__dict__.get("_launch_security_groups", [])

    def set_groups(instance: Instance, groups: list[Any]) -> None:
        primary = primary_interface(instance)
        if primary is not None:
            primary._group_set = list(groups)
        else:
            instance.__dict__["_launch_security_groups"] = list(groups)

    Instance.security_groups = property(get_groups, set_groups)


def _patch_modify_instance_groups() -> None:
    """ModifyInstanceAttribute(Groups) is refused when several interfaces are attached.

    moto accepts it; EC2 answers InvalidInstanceID and asks for an interface ID, which
    is what a multi-homed isolation must handle.
    """
    original = getattr(InstanceBackend, "modify_instance_security_groups", None)
    _require(callable(original), "InstanceBackend.modify_instance_security_groups is gone")
    _require(
        list(inspect.signature(original).parameters)[:3]
        == ["self", "instance_id", "new_group_id_list"],
        "InstanceBackend.modify_instance_security_groups changed its parameters",
    )

    def modify_instance_security_groups(
        self: Any, instance_id: str, new_group_id_list: list[str]
    ) -> Instance:
        instance = self.get_instance(instance_id)
        if len(instance.nics) > 1:
            raise EC2ClientError(
                "InvalidInstanceID",
                f"There are multiple interfaces attached to instance '{instance_id}'. "
                "Please specify an interface ID for the operation instead.",
            )
        return original(self, instance_id, new_group_id_list)

    InstanceBackend.modify_instance_security_groups = modify_instance_security_groups


def _patch_unrecognised_modify_instance_attribute() -> None:
    """Only a request that names Groups changes an instance's groups.

    moto's last ModifyInstanceAttribute handler runs for any request the others did
    not recognise and sets the groups to the (absent, so empty) Groups list: a request
    for InstanceInitiatedShutdownBehavior, which moto does not recognise, would
    silently strip the primary interface of its groups. That attribute is applied
    here; anything else unrecognised falls through to moto's NotImplementedError.
    """
    original = getattr(InstanceResponse, "_security_grp_instance_attribute_handler", None)
    _require(
        callable(original),
        "InstanceResponse._security_grp_instance_attribute_handler is gone",
    )
    _require(
        'self._get_param("Groups", [])' in _source_of(original),
        "InstanceResponse._security_grp_instance_attribute_handler no longer reads Groups",
    )

    def handler(self: Any) -> bool:
        if self._get_param("Groups"):
            return original(self)
        behaviour = self._get_param("InstanceInitiatedShutdownBehavior.Value")
        if behaviour is None:
            return False
        self.error_on_dryrun()
        self.ec2_backend.modify_instance_attribute(
            self._get_param("InstanceId"), "instance_initiated_shutdown_behavior", behaviour
        )
        return True

    InstanceResponse._security_grp_instance_attribute_handler = handler


def _patch_detach_instances_not_in_group() -> None:
    """DetachInstances of an instance that is not in the group fails, as in Auto Scaling.

    moto detaches nothing and answers success, which hides the race of two invocations
    detaching the same instance: Auto Scaling answers the later one with a ValidationError.
    """
    original = getattr(AutoScalingBackend, "detach_instances", None)
    _require(callable(original), "AutoScalingBackend.detach_instances is missing")
    _require(
        "group.instance_states" in _source_of(original),
        "AutoScalingBackend.detach_instances no longer reads group.instance_states",
    )

    def detach_instances(
        self: Any, group_name: str, instance_ids: list[str], should_decrement: bool
    ) -> Any:
        group = self.autoscaling_groups[group_name]
        members = {state.instance.id for state in group.instance_states}
        for instance_id in instance_ids:
            if instance_id not in members:
                raise AutoScalingValidationError(
                    f"The instance {instance_id} is not part of Auto Scaling group {group_name}."
                )
        return original(self, group_name, instance_ids, should_decrement)

    AutoScalingBackend.detach_instances = detach_instances


# EC2's timeouts for an interface whose connection tracking was never configured.
DEFAULT_CONNECTION_TRACKING = {"TcpEstablishedTimeout": 432000, "UdpStreamTimeout": 180, "UdpTimeout": 30}


def _patch_connection_tracking() -> None:
    """ModifyNetworkInterfaceAttribute(ConnectionTrackingSpecification) sets the timeouts.

    moto accepts the parameter and ignores it; EC2 keeps each timeout given and leaves
    the others as they were, and describes them as ConnectionTrackingConfiguration.
    moto renders an interface attribute named connection_tracking_configuration.
    """
    original = getattr(ElasticNetworkInterfaces, "modify_network_interface_attribute", None)
    _require(callable(original), "ElasticNetworkInterfaces.modify_network_interface_attribute is gone")
    _require(
        "ConnectionTrackingSpecification" not in _source_of(original),
        "moto now reads ConnectionTrackingSpecification itself: drop this patch",
    )

    def modify_network_interface_attribute(self: Any) -> Any:
        given = {
            name: self._get_int_param(f"ConnectionTrackingSpecification.{name}")
            for name in DEFAULT_CONNECTION_TRACKING
        }
        given = {name: value for name, value in given.items() if value is not None}
        result = original(self)
        if given:
            eni = self.ec2_backend.get_network_interface(self._get_param("NetworkInterfaceId"))
            current = getattr(eni, "connection_tracking_configuration", None) or DEFAULT_CONNECTION_TRACKING
            eni.connection_tracking_configuration = {**current, **given}
        return result

    ElasticNetworkInterfaces.modify_network_interface_attribute = modify_network_interface_attribute


def _patch_metadata_options_kept() -> None:
    """ModifyInstanceMetadataOptions changes only the options it names, as in EC2.

    moto rebuilds the options from the request alone, so a request for HttpEndpoint
    only leaves HttpTokens, HttpProtocolIpv6 and InstanceMetadataTags unset.
    """
    original = getattr(InstanceBackend, "modify_instance_metadata_options", None)
    _require(callable(original), "InstanceBackend.modify_instance_metadata_options is gone")
    _require(
        "MetadataOptions(metadata_dict)" in _source_of(original),
        "InstanceBackend.modify_instance_metadata_options no longer rebuilds MetadataOptions",
    )

    def modify_instance_metadata_options(self: Any, instance_id: str, **given: Any) -> MetadataOptions:
        instance = self.get_instance(instance_id)
        was = instance.metadata_options
        kept = {
            "http_tokens": was.http_tokens,
            "hop_limit": was.http_put_response_hop_limit,
            "http_endpoint": was.http_endpoint,
            "http_protocol": was.http_protocol_ipv6,
            "metadata_tags": was.instance_metadata_tags,
        }
        asked = {name: value for name, value in given.items() if value is not None and name != "dry_run"}
        return original(self, instance_id, **{**kept, **asked})

    InstanceBackend.modify_instance_metadata_options = modify_instance_metadata_options


# The types CreateNetworkInterface takes (EC2 API reference); the others are set by EC2 itself.
CREATABLE_INTERFACE_TYPES = ("efa", "efa-only", "branch", "trunk")


def _patch_interface_type() -> None:
    """CreateNetworkInterface keeps the InterfaceType it is given, as EC2 does.

    moto ignores the parameter and describes every interface as "interface". ECS and
    EKS create their trunk interfaces (attached to the instance) and branch interfaces
    (one per task or pod, carried on the trunk, never attached at a device index) this
    way, so without it no test can show an instance's branch interfaces. A branch
    interface has no attachment: DescribeNetworkInterfaces' attachment.instance-id
    filter does not find it, exactly as in EC2, where EKS tags it with its trunk's id.
    """
    original = getattr(ElasticNetworkInterfaces, "create_network_interface", None)
    _require(callable(original), "ElasticNetworkInterfaces.create_network_interface is gone")
    _require(
        "InterfaceType" not in _source_of(original),
        "moto now reads InterfaceType itself: drop this patch",
    )
    _require(
        'result = {"NetworkInterface": eni}' in _source_of(original),
        "ElasticNetworkInterfaces.create_network_interface no longer answers with the interface",
    )

    def create_network_interface(self: Any) -> Any:
        wanted = self._get_param("InterfaceType")
        if wanted is not None and wanted not in CREATABLE_INTERFACE_TYPES:
            raise EC2ClientError(
                "InvalidParameterValue",
                f"Value ({wanted}) for parameter interfaceType is invalid.",
            )
        result = original(self)
        if wanted is not None:
            result.result["NetworkInterface"].interface_type = wanted
        return result

    ElasticNetworkInterfaces.create_network_interface = create_network_interface


def apply_ec2_fidelity_patches() -> None:
    _patch_interface_groups()
    _patch_instance_groups()
    _patch_modify_instance_groups()
    _patch_unrecognised_modify_instance_attribute()
    _patch_detach_instances_not_in_group()
    _patch_connection_tracking()
    _patch_metadata_options_kept()
    _patch_interface_type()


def _set_when_stdin_closes(event: threading.Event) -> None:
    while sys.stdin.buffer.read(4096):
        pass
    event.set()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 lets the OS choose a free port")
    parser.add_argument(
        "--stop-on-stdin-close",
        action="store_true",
        help="stop when standard input closes: a parent that dies without signalling "
        "(a killed test JVM) leaves no emulator behind",
    )
    args = parser.parse_args(argv)

    try:
        apply_ec2_fidelity_patches()
        apply_glue_fidelity_patches(LauncherError)
    except LauncherError as error:
        print(f"moto launcher: {error}", file=sys.stderr, flush=True)
        return 2

    stop_requested = threading.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop_requested.set())

    # The same application and request handler moto_server and ThreadedMotoServer use;
    # binding here, on the main thread, makes a taken port exit the launcher (werkzeug
    # reports it) instead of hanging ThreadedMotoServer.start().
    server = make_server(
        args.host,
        args.port,
        DomainDispatcherApplication(create_backend_app),
        threaded=True,
        request_handler=MotoRequestHandler,
    )
    if args.stop_on_stdin_close:
        threading.Thread(
            target=_set_when_stdin_closes, args=(stop_requested,), name="stdin-watch", daemon=True
        ).start()
    serving = threading.Thread(target=server.serve_forever, name="moto", daemon=True)
    serving.start()
    host, port = server.server_address[:2]
    print(f"moto ready on http://{host}:{port}", flush=True)

    # A timed wait lets the main thread run the signal handlers promptly.
    while not stop_requested.wait(timeout=0.5):
        pass
    server.shutdown()
    serving.join()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
