resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "site"
# expect
    viewer_protocol_policy = "allow-all"
  }
  ordered_cache_behavior {
    path_pattern           = "/api/*"
    target_origin_id       = "api"
# expect
    viewer_protocol_policy = "allow-all"
  }
}
