# CloudFront distribution serves plain HTTP.
package steward.iac.cloudformation.cloudfront_http_allowed

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/cloudfront-http-allowed",
    "title": "CloudFront distribution serves plain HTTP",
    "severity": "medium",
    "confidence": "high",
    "cwe": [
        "CWE-319"
    ],
    "owasp": "A02",
    "requirements": [
        "STW-DATA-003"
    ],
    "description": "A cache behaviour of an `AWS::CloudFront::Distribution` has `ViewerProtocolPolicy: allow-all`, so viewers can fetch content, and send cookies, over plain HTTP.",
    "remediation": "Set `ViewerProtocolPolicy` to `redirect-to-https` or `https-only` on the default and every other cache behaviour.",
    "formats": [
        "cloudformation"
    ]
}

deny contains {"msg": sprintf("distribution %s allows plain HTTP in its default cache behaviour", [name]), "path": ["Resources", name, "Properties", "DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"]} if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	object.get(cfn.props(r), ["DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"], "") == "allow-all"
}

deny contains {"msg": sprintf("distribution %s allows plain HTTP for %v", [name, object.get(b, "PathPattern", i)]), "path": ["Resources", name, "Properties", "DistributionConfig", "CacheBehaviors", i, "ViewerProtocolPolicy"]} if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	some i, b in cfn.list(object.get(cfn.props(r), ["DistributionConfig", "CacheBehaviors"], []))
	b.ViewerProtocolPolicy == "allow-all"
}
