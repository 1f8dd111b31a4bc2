package saramacoop

import (
	"context"

	"github.com/IBM/sarama"
)

// New joins the group with the cooperative sticky strategy.
func New(addrs []string) (sarama.ConsumerGroup, error) {
	cfg := sarama.NewConfig()
	cfg.Consumer.Group.Rebalance.GroupStrategies = []sarama.BalanceStrategy{sarama.NewBalanceStrategyCooperativeSticky()}
	return sarama.NewConsumerGroup(addrs, "coop", cfg)
}

// Start consumes once: a cooperative session survives rebalances, so
// Consume keeps running; only worth knowing.
func Start(ctx context.Context, g sarama.ConsumerGroup, h sarama.ConsumerGroupHandler) error {
	return g.Consume(ctx, []string{"orders"}, h) /* information */ // want `g.Consume is called once`
}
