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

        // Reference types only: a collection over a value type is JIT-compiled anew in every compiler process.
        private readonly ThreadLocal<HashSet<Question>> inProgress = new(() => new HashSet<Question>());

        private Judgements()
        {
        }

        public static Judgements For(KnownTypes types) => ByCompilation.GetValue(types, _ => new Judgements());

        /// <summary>
        /// The remembered answer for <paramref name="key"/> in <paramref name="answers"/>, or <paramref name="judge"/>'s; on
        /// re-entry into the same question, <paramref name="assumed"/>. Callers look in <paramref name="answers"/> first, so
        /// that the lambda is built only for a question not answered yet.
        /// </summary>
        public bool Judge<TKey>(ConcurrentDictionary<TKey, object> answers, TKey key, bool assumed, Func<TKey, bool> judge)
            where TKey : class, ISymbol
        {
            if (answers.TryGetValue(key, out var known))
            {
                return known == Boxes.True;
            }

            var questions = inProgress.Value!;
            var question = new Question(answers, key);
            if (!questions.Add(question))
            {
                return assumed;
            }

            try
            {
                var result = judge(key);
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

        /// <summary>One question: which answers it is remembered in, and about what.</summary>
        private sealed class Question
        {
            private readonly object answers;
            private readonly ISymbol key;

            public Question(object answers, ISymbol key)
            {
                this.answers = answers;
                this.key = key;
            }

            public override bool Equals(object? obj)
                => obj is Question other && ReferenceEquals(answers, other.answers) && SymbolEqualityComparer.Default.Equals(key, other.key);

            public override int GetHashCode() => (RuntimeHelpers.GetHashCode(answers) * 31) + SymbolEqualityComparer.Default.GetHashCode(key);
        }
    }
}
