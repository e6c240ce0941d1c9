# CloudFront distribution serves plain HTTP.
package steward.iac.terraform.cloudfront_http_allowed

__rego_metadata__ := {
    "id": "iac/terraform/cloudfront-http-allowed",
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
    "description": "A cache behaviour of an `aws_cloudfront_distribution` has `viewer_protocol_policy = \"allow-all\"`, so viewers can fetch content, and send cookies, over plain HTTP.",
    "remediation": "Set `viewer_protocol_policy` to `redirect-to-https` or `https-only` in the default and every ordered cache behaviour.",
    "formats": [
        "terraform"
    ]
}

deny contains {"msg": sprintf("aws_cloudfront_distribution.%s allows plain HTTP in its %s", [name, block]), "path": ["resource", "aws_cloudfront_distribution", name, block, i, "viewer_protocol_policy"]} if {
	some name, d in input.resource.aws_cloudfront_distribution
	some block in ["default_cache_behavior", "ordered_cache_behavior"]
	some i, b in d[block]
	b.viewer_protocol_policy == "allow-all"
}
