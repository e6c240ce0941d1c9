# expect
resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
}

resource "aws_elasticsearch_domain" "old" {
  domain_name = "old"
  encrypt_at_rest {
# expect
    enabled = false
  }
}
