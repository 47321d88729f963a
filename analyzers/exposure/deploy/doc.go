// Package deploy applies the exposure analyzer's judgement to the files
// where memcached deployments are declared, which are not Go packages and
// so not go/analysis passes: the driver calls CheckFile on the files that
// Files finds in the analyzed packages' directories, and on those named on
// its command line.
//
// It reads, each with the ecosystem's own parser where one exists:
//
//   - Dockerfiles and Containerfiles (BuildKit's parser): the ENTRYPOINT
//     and CMD of each stage, or the CMD of a memcached image;
//   - Compose files (gopkg.in/yaml.v3 nodes, for positions; Compose's
//     interpolation of defaults): each service's command and entrypoint,
//     and its published ports;
//   - Kubernetes manifests, multi-document or rendered by helm template
//     (yaml.v3): the containers of Pods, Deployments, StatefulSets,
//     DaemonSets, ReplicaSets, Jobs and CronJobs, their host ports, and
//     Services of type LoadBalancer or NodePort;
//   - systemd service units (go-systemd's parser): ExecStart= lines that
//     run memcached;
//   - Debian's /etc/memcached.conf and RHEL's /etc/sysconfig/memcached;
//   - Terraform (HashiCorp's HCL parser): AWS security groups and their
//     rules, Google Cloud firewalls and Azure network security rules.
//
// A memcached command line is judged by exposed.Judge, exactly as
// exec.Command("memcached", ...) in Go code is.
package deploy
