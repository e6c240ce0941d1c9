# API Gateway stage has no access logging.
package steward.iac.cloudformation.api_gateway_access_logging_missing

import data.steward.lib.cloudformation as cfn

__rego_metadata__ := {
    "id": "iac/cloudformation/api-gateway-access-logging-missing",
    "title": "API Gateway stage has no access logging",
    "severity": "low",
    "confidence": "medium",
    "cwe": [
        "CWE-778"
    ],
    "owasp": "A09",
    "requirements": [
        "STW-LOG-001"
    ],
    "description": "An API Gateway stage (`AWS::ApiGateway::Stage`, `AWS::ApiGatewayV2::Stage`, or a SAM `AWS::Serverless::Api`/`HttpApi`) sets no access log destination, so calls to the API leave no record of who called what.",
    "remediation": "Set `AccessLogSetting` (`AccessLogSettings` for HTTP and WebSocket APIs) with a CloudWatch Logs `DestinationArn` and a `Format`.",
    "formats": [
        "cloudformation"
    ]
}

settings := {
	"AWS::ApiGateway::Stage": "AccessLogSetting",
	"AWS::Serverless::Api": "AccessLogSetting",
	"AWS::ApiGatewayV2::Stage": "AccessLogSettings",
	"AWS::Serverless::HttpApi": "AccessLogSettings",
}

deny contains {"msg": sprintf("%s %s has no access log destination", [r.Type, name]), "path": ["Resources", name, "Properties", setting]} if {
	some name, r in data.steward.lib.cloudformation.all_resources
	setting := settings[r.Type]
	object.get(cfn.props(r), [setting, "DestinationArn"], null) == null
}
