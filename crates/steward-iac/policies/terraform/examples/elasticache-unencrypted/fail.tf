# expect
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "sessions"
# expect
  at_rest_encryption_enabled = false
}
