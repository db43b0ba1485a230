"""What a set of rendered NetworkPolicies lets through, by the rules of the Kubernetes API
(networking.k8s.io/v1), for check_policy.py to compare with the calls the architecture has.

A connection from one pod to a port of another is allowed when both ends allow it: the source's
egress (no policy of its namespace selects it for Egress, or a rule of one that does matches the
destination and port) and the destination's ingress (the same for Ingress). Only the rendered
policies are known, so pods in other namespaces (clients, monitoring, the database cluster) are
taken to allow everything on their side.
"""


def selector_matches(selector, labels):
    """A metav1.LabelSelector against a label map; an empty selector matches everything."""
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values") or []
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and key in labels and labels[key] in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
    return True


class Pod:
    """A pod as the policies see it: its namespace, labels and named container ports."""

    def __init__(self, description, namespace, labels, ports=None):
        self.description = description
        self.namespace = namespace
        self.labels = dict(labels)
        self.ports = dict(ports or {})  # name -> (number, protocol)

    def __repr__(self):
        return self.description


class Network:
    def __init__(self, policies, namespace_labels):
        """policies: rendered NetworkPolicy objects (with metadata.namespace); namespace_labels:
        namespace name -> its labels (kubernetes.io/metadata.name is added here)."""
        self.policies = policies
        self.namespace_labels = namespace_labels

    def labels_of_namespace(self, name):
        labels = dict(self.namespace_labels.get(name, {}))
        labels["kubernetes.io/metadata.name"] = name
        return labels

    def _selecting(self, pod, direction):
        return [p for p in self.policies
                if p["metadata"].get("namespace") == pod.namespace and
                direction in p["spec"].get("policyTypes", ["Ingress"]) and
                selector_matches(p["spec"].get("podSelector", {}), pod.labels)]

    def _peer_matches(self, peer, policy_namespace, pod):
        if "ipBlock" in peer:
            return False  # no modelled pod has an address outside the cluster
        pods = peer.get("podSelector")
        namespaces = peer.get("namespaceSelector")
        if namespaces is None:
            in_namespace = pod.namespace == policy_namespace
        else:
            in_namespace = selector_matches(namespaces, self.labels_of_namespace(pod.namespace))
        return in_namespace and (pods is None or selector_matches(pods, pod.labels))

    @staticmethod
    def _port_matches(rule_port, destination, port, protocol):
        if rule_port.get("protocol", "TCP") != protocol:
            return False
        wanted = rule_port.get("port")
        if wanted is None:
            return True
        if isinstance(wanted, str):
            named = destination.ports.get(wanted)
            return named is not None and named == (port, protocol)
        end = rule_port.get("endPort", wanted)
        return wanted <= port <= end

    def _rules_allow(self, policies, rules_key, peers_key, peer, destination, port, protocol):
        for policy in policies:
            for rule in policy["spec"].get(rules_key) or []:
                peers = rule.get(peers_key)
                if peers and not any(self._peer_matches(p, policy["metadata"].get("namespace"),
                                                        peer) for p in peers):
                    continue
                ports = rule.get("ports")
                if ports and not any(self._port_matches(p, destination, port, protocol)
                                     for p in ports):
                    continue
                return True
        return False

    def allows(self, source, destination, port, protocol="TCP"):
        """Whether `source` may open a connection to `port` of `destination`."""
        egress = self._selecting(source, "Egress")
        if egress and not self._rules_allow(egress, "egress", "to", destination, destination,
                                            port, protocol):
            return False
        ingress = self._selecting(destination, "Ingress")
        if ingress and not self._rules_allow(ingress, "ingress", "from", source, destination,
                                             port, protocol):
            return False
        return True
