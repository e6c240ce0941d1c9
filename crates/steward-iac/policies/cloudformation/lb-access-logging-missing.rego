# Load balancer access logging is off.
package steward.iac.cloudformation.lb_access_logging_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/lb-access-logging-missing",
    "title": "Load balancer access logging is off",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An `AWS::ElasticLoadBalancingV2::LoadBalancer` of type application (the default) does not set the `access_logs.s3.enabled` attribute to true, or a classic `AWS::ElasticLoadBalancing::LoadBalancer` has no enabled `AccessLoggingPolicy`: requests reaching the service leave no record.",
    "remediation": "Turn access logs on (`LoadBalancerAttributes: [{Key: access_logs.s3.enabled, Value: \"true\"}, {Key: access_logs.s3.bucket, Value: ...}]`, or `AccessLoggingPolicy: {Enabled: true, S3BucketName: ...}`).",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("load balancer %s does not log requests", [name]), "path": ["Resources", name, "Properties", "LoadBalancerAttributes"]} if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	p := cfn.props(r)
	lower(object.get(p, "Type", "application")) == "application"
	not logs_on(p)
}

logs_on(p) if {
	some a in cfn.list(p.LoadBalancerAttributes)
	a.Key == "access_logs.s3.enabled"
	cfn.is_true(a.Value)
}

logs_on(p) if {
	some a in cfn.list(p.LoadBalancerAttributes)
	a.Key == "access_logs.s3.enabled"
	cfn.intrinsic(a.Value)
}

deny contains {"msg": sprintf("load balancer %s does not log requests", [name]), "path": ["Resources", name, "Properties", "AccessLoggingPolicy", "Enabled"]} if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancing::LoadBalancer")
	v := object.get(cfn.props(r), ["AccessLoggingPolicy", "Enabled"], false)
	not cfn.is_true(v)
	not cfn.intrinsic(v)
}
