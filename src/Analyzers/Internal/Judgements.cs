using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Internal
{
    /// <summary>
    /// Per compilation, the questions whose answer can lead back to themselves: whether a stream class of the compilation
    /// blocks (its overrides call the class again), whether every caller of a private method passes memory (the callers
    /// hand the parameter round). A question reached again while it is being answered on the same thread gets an assumed
    /// answer, and only an answer reached with no other question in progress is remembered: an inner answer may rest on an
    /// outer assumption. The in-progress set is shared by every kind of question, so an answer computed inside another
    /// kind's judgement is not remembered either, and what is remembered never depends on which question came first.
    /// </summary>
    internal sealed class Judgements
    {
        private static readonly ConditionalWeakTable<KnownTypes, Judgements> ByCompilation = new ConditionalWeakTable<KnownTypes, Judgements>();

        private readonly ThreadLocal<HashSet<(object Answers, ISymbol Key)>> inProgress =
            new(() => new HashSet<(object Answers, ISymbol Key)>(InProgressComparer.Instance));

        private Judgements()
        {
        }

        public static Judgements For(KnownTypes types) => ByCompilation.GetValue(types, _ => new Judgements());

        /// <summary>
        /// The remembered answer for <paramref name="key"/> in <paramref name="answers"/>, or <paramref name="judge"/>'s; on
        /// re-entry into the same question, <paramref name="assumed"/>. <paramref name="judge"/> gets <paramref name="state"/>
        /// so that a static lambda serves and nothing is allocated when the answer is known.
        /// </summary>
        public bool Judge<TKey, TState>(ConcurrentDictionary<TKey, object> answers, TKey key, bool assumed, TState state, Func<TKey, TState, bool> judge)
            where TKey : class, ISymbol
        {
            if (answers.TryGetValue(key, out var known))
            {
                return known == Boxes.True;
            }

            var questions = inProgress.Value!;
            var question = ((object)answers, (ISymbol)key);
            if (!questions.Add(question))
            {
                return assumed;
            }

            try
            {
                var result = judge(key, state);
                if (questions.Count == 1)
                {
                    answers.TryAdd(key, Boxes.Of(result));
                }

                return result;
            }
            finally
            {
                questions.Remove(question);
            }
        }

        private sealed class InProgressComparer : IEqualityComparer<(object Answers, ISymbol Key)>
        {
            public static readonly InProgressComparer Instance = new InProgressComparer();

            public bool Equals((object Answers, ISymbol Key) x, (object Answers, ISymbol Key) y)
                => ReferenceEquals(x.Answers, y.Answers) && SymbolEqualityComparer.Default.Equals(x.Key, y.Key);

            public int GetHashCode((object Answers, ISymbol Key) obj)
                => (RuntimeHelpers.GetHashCode(obj.Answers) * 31) + SymbolEqualityComparer.Default.GetHashCode(obj.Key);
        }
    }
}
