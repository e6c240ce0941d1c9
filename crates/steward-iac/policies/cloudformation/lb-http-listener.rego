# Load balancer listener accepts plain HTTP.
package steward.iac.cloudformation.lb_http_listener

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/lb-http-listener",
    "title": "Load balancer listener accepts plain HTTP",
    "severity": "high",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTP` forwards traffic instead of redirecting to HTTPS, or a classic load balancer has an `HTTP` listener: requests, cookies and credentials cross the network in clear.",
    "remediation": "Listen on HTTPS (or TLS) with a certificate, and make the HTTP listener's only action a redirect to HTTPS (`StatusCode: HTTP_301`).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("listener %s serves plain HTTP", [name]), "path": ["Resources", name, "Properties", "Protocol"]} if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	p := cfn.props(r)
	upper(object.get(p, "Protocol", "")) == "HTTP"
	not redirects_to_https(p)
}

redirects_to_https(p) if {
	actions := cfn.list(p.DefaultActions)
	count(actions) > 0
	every a in actions {
		lower(a.Type) == "redirect"
		upper(object.get(a, ["RedirectConfig", "Protocol"], "")) == "HTTPS"
	}
}

deny contains {"msg": sprintf("load balancer %s has a plain HTTP listener on port %v", [name, l.LoadBalancerPort]), "path": ["Resources", name, "Properties", "Listeners", i, "Protocol"]} if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancing::LoadBalancer")
	some i, l in cfn.list(cfn.props(r).Listeners)
	upper(object.get(l, "Protocol", "")) == "HTTP"
}
