resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  domain_endpoint_options {
# expect
    enforce_https = false
  }
}

# expect
resource "aws_elasticsearch_domain" "old" {
  domain_name = "old"
}
