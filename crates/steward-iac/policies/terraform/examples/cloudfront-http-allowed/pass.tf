resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
  }
}
