resource "aws_redshift_cluster" "dw" {
  cluster_identifier  = "dw"
# expect
  publicly_accessible = true
}
